/**
 * DNS: {@link dev.rampart.engine.applayer.dns.DnsParser} (UDP datagrams and length-framed TCP)
 * hands each message to a listener as a reused
 * {@link dev.rampart.engine.applayer.dns.DnsTransaction} (Suricata 7: one transaction per
 * message); {@link dev.rampart.engine.applayer.dns.DnsEveJson} renders the "dns" object of alert
 * records.
 */
package dev.rampart.engine.applayer.dns;
