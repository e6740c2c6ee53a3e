/**
 * Kerberos 5 over UDP and TCP port 88 (TCP records behind a 4-byte length), as Suricata's krb5 parser
 * keeps it: one transaction per AS-REQ, TGS-REQ, AS-REP, TGS-REP and KRB-ERROR message.
 */
package dev.rampart.engine.applayer.krb5;
