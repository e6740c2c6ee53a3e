/**
 * Live capture through libpcap (pcap4j for set-up, a direct JNA binding for the per-packet read).
 * Needs libpcap installed and capture privileges (root or CAP_NET_RAW) at run time.
 */
package dev.rampart.capture.live;
