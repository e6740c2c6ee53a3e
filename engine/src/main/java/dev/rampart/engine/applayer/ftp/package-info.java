/**
 * FTP control connections: commands and replies as transactions, the state the {@code ftpbounce}
 * keyword reads, and the data connections a transfer command announces ({@code ftp-data}).
 */
package dev.rampart.engine.applayer.ftp;
