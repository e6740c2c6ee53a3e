/**
 * NFS over ONC RPC (UDP datagrams, TCP records behind record marks) as Suricata's nfs parser keeps it:
 * {@link dev.rampart.engine.applayer.nfs.NfsSession}.
 */
package dev.rampart.engine.applayer.nfs;
