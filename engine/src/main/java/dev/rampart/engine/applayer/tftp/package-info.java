/** TFTP on UDP port 69: requests as transactions, as Suricata 7's parser keeps them. */
package dev.rampart.engine.applayer.tftp;
