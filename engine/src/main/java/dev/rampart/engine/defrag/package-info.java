/**
 * IPv4/IPv6 fragment reassembly with Suricata's overlap policies, per worker and allocation free
 * in steady state: {@link dev.rampart.engine.defrag.Defragmenter}.
 */
package dev.rampart.engine.defrag;
