/**
 * Capture file readers: classic pcap and pcapng over memory-mapped files, zero copy (a frame's
 * buffer is the mapped window; windows of 8 MiB move with the reader and are unmapped as it leaves
 * them, so memory stays flat whatever the file's size). {@link dev.rampart.capture.file.CaptureFiles#open} picks the format
 * by magic. Corruption or truncation ends a file with a CaptureException naming file and offset,
 * after the frames before it were delivered; record lengths follow libpcap (cut to the snaplen,
 * above 256 KiB an error).
 */
package dev.rampart.capture.file;
