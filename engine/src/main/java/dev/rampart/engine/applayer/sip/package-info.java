/**
 * SIP over UDP (Suricata 7's parser: one datagram is one message and one transaction in its own
 * direction). {@link dev.rampart.engine.applayer.sip.SipParser} checks a message against the
 * grammar Suricata's parser accepts and records where its fields are;
 * {@link dev.rampart.engine.applayer.sip.SipSession} keeps the parsed messages until detection has
 * inspected them and counts the ones the parser rejects (app-layer errors, see
 * {@link dev.rampart.engine.flow.ExceptionPolicy}).
 */
package dev.rampart.engine.applayer.sip;
