/**
 * Capture file readers: classic pcap and pcapng read window by window, no copy per frame (a
 * frame's buffer is the window's; windows of 8 MiB are read with positional reads into a buffer
 * that moves with the reader, so memory stays flat whatever the file's size). {@link dev.rampart.capture.file.CaptureFiles#open} picks the format
 * by magic. Corruption or truncation ends a file with a CaptureException naming file and offset,
 * after the frames before it were delivered; record lengths follow libpcap (cut to the snaplen,
 * above 256 KiB an error).
 */
package dev.rampart.capture.file;
