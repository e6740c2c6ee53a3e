#!/usr/bin/env python3
"""Writes the crafted malformed-packet pcaps used by OracleCountersTest (decoder edge cases).

Run: python3 make_crafted.py  (writes *.pcap next to this script). The expected counters in
../oracle-counters-crafted.txt come from running Suricata 7.0.10 on these files.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def eth(payload, etype=0x0800):
    return b"\x00\x11\x22\x33\x44\x55" + b"\x66\x77\x88\x99\xaa\xbb" + struct.pack("!H", etype) + payload


def ip4(payload, proto=6, opts=b"", ident=1, flags_off=0, ver=4, hl=None, tot=None, src="10.0.0.1", dst="10.0.0.2", ttl=64):
    ihl = hl if hl is not None else (20 + len(opts)) // 4
    total = tot if tot is not None else 20 + len(opts) + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", (ver << 4) | ihl, 0, total, ident, flags_off, ttl, proto, 0,
                    bytes(map(int, src.split("."))), bytes(map(int, dst.split("."))))
    h = h + opts
    c = csum(h)
    h = h[:10] + struct.pack("!H", c) + h[12:]
    return h + payload


def ip6(payload, nh=6, plen=None, hlim=64, ver=6):
    src = bytes.fromhex("20010db8000000000000000000000001")
    dst = bytes.fromhex("20010db8000000000000000000000002")
    pl = plen if plen is not None else len(payload)
    return struct.pack("!IHBB", ver << 28, pl, nh, hlim) + src + dst + payload


def tcp(payload=b"", opts=b"", flags=0x02, doff=None, sport=1234, dport=80):
    d = doff if doff is not None else (20 + len(opts)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, d << 4, flags, 8192, 0, 0) + opts + payload


def udp(payload=b"", ulen=None, sport=1234, dport=53):
    l = ulen if ulen is not None else 8 + len(payload)
    return struct.pack("!HHHH", sport, dport, l, 0) + payload


def icmp4(t, c, body=b"\0\0\0\0"):
    return struct.pack("!BBH", t, c, 0) + body


def icmp6(t, c, body=b"\0\0\0\0"):
    return struct.pack("!BBH", t, c, 0) + body


def ext(nh, body):
    """Generic 8-byte-unit extension header: body excludes the 2 first bytes."""
    total = 2 + len(body)
    assert total % 8 == 0, total
    return bytes([nh, total // 8 - 1]) + body


def fh(nh, off, more, ident, res=0):
    return struct.pack("!BBHI", nh, res, (off & 0xFFF8) | (1 if more else 0), ident)


def gre(proto, payload, flags=0, ver=0, extra=b""):
    return struct.pack("!BBH", flags, ver, proto) + extra + payload


def vlan(payload, etype, vid=10):
    return struct.pack("!HH", vid, etype) + payload


def write(name, linktype, frames):
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    for i, f in enumerate(frames):
        out += struct.pack("<IIII", 1700000000 + i, 0, len(f), len(f)) + f
    with open(os.path.join(HERE, name), "wb") as fh_:
        fh_.write(out)


T = tcp(b"hello")
frames = []
# ---- IPv4 options
frames.append(eth(ip4(T, opts=bytes([7, 7, 4, 0, 0, 0, 0, 0]))))            # RR ok
frames.append(eth(ip4(T, opts=bytes([7, 7, 5, 0, 0, 0, 0, 0]))))            # RR ptr not /4: malformed
frames.append(eth(ip4(T, opts=bytes([7, 40, 4, 0, 0, 0, 0, 0]))))           # RR len > options: invalid_len
frames.append(eth(ip4(T, opts=bytes([99, 4, 0, 0, 1, 1, 1, 0]))))           # unknown option: opt_invalid
frames.append(eth(ip4(T, opts=bytes([7, 3, 4, 7, 3, 4, 0, 0]))))            # duplicate RR
frames.append(eth(ip4(T, opts=bytes([130, 4, 0, 0, 0, 0, 0, 0]))))         # SEC wrong length
frames.append(eth(ip4(T, opts=bytes([1, 1, 1, 68]))))                       # lone multibyte type: eol_required (+pad)
frames.append(eth(ip4(T, opts=bytes([68, 8, 5, 0, 0, 0, 0, 0]))))           # TS ok
frames.append(eth(ip4(T, opts=bytes([68, 8, 6, 0, 0, 0, 0, 0]))))           # TS bad pointer
frames.append(eth(ip4(T, opts=bytes([148, 4, 0, 0]))))                      # router alert ok (pad_required)
frames.append(eth(ip4(icmp6(128, 0), proto=58)))                            # ICMPv6 in IPv4
# ---- IPv4 header errors
frames.append(eth(ip4(T, hl=4)))                                            # hlen too small
frames.append(eth(ip4(T, tot=18)))                                          # iplen < hlen
frames.append(eth(ip4(T, tot=200)))                                         # truncated
frames.append(eth(ip4(T, ver=5)))                                           # wrong version
frames.append(eth(b"\x45\x00\x00"))                                         # pkt too small
# ---- TCP
frames.append(eth(ip4(tcp(doff=4))))                                        # data offset < 5
frames.append(eth(ip4(tcp(doff=15))))                                       # header longer than data
frames.append(eth(ip4(tcp(opts=bytes([3, 4, 7, 0])))))                      # WS bad length
frames.append(eth(ip4(tcp(opts=bytes([2, 4, 5, 180, 2, 4, 5, 180])))))      # MSS duplicate
frames.append(eth(ip4(tcp(opts=bytes([5, 6, 0, 0, 0, 0, 1, 1])))))          # SACK bad length
frames.append(eth(ip4(tcp(opts=bytes([8, 8, 0, 0, 0, 0, 0, 0])))))          # TS bad length
frames.append(eth(ip4(tcp(opts=bytes([1, 1, 2, 9])))))                      # option longer than options
frames.append(eth(ip4(tcp(opts=bytes([2, 4, 5, 180, 4, 2, 3, 3, 7, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 0])))))  # all good
frames.append(eth(ip4(b"\0" * 10)))                                         # tcp too small
# ---- UDP
frames.append(eth(ip4(udp(b"abc", ulen=30), proto=17)))                     # udp len > data
frames.append(eth(ip4(udp(b"abc", ulen=4), proto=17)))                      # udp len < 8
frames.append(eth(ip4(udp(b"abc"), proto=17)))                              # ok
# ---- ICMPv4
frames.append(eth(ip4(icmp4(42, 0), proto=1)))                              # unknown type
frames.append(eth(ip4(icmp4(8, 1), proto=1)))                               # echo with code
frames.append(eth(ip4(icmp4(3, 1, b"\0" * 4 + b"\x45" + b"\0" * 9), proto=1)))   # quoted ip truncated
frames.append(eth(ip4(icmp4(3, 1, b"\0" * 4 + b"\x65" + b"\0" * 27), proto=1)))  # quoted ip wrong version
frames.append(eth(ip4(icmp4(5, 9), proto=1)))                               # redirect bad code
frames.append(eth(ip4(icmp4(0, 0), proto=1)))                               # echo reply ok
frames.append(eth(ip4(b"\0\0\0", proto=1)))                                 # too small
# ---- IPv6 extension headers
U = udp(b"data")
PAD6 = bytes([1, 4, 0, 0, 0, 0])
frames.append(eth(ip6(ext(17, PAD6) + U, nh=0), 0x86DD))                    # HH only padding
frames.append(eth(ip6(ext(0, PAD6) + ext(17, PAD6) + U, nh=0), 0x86DD))     # dup HH
frames.append(eth(ip6(ext(17, bytes([0, 1, 0, 0, 0, 0])) + U, nh=43), 0x86DD))  # RH type 0
frames.append(eth(ip6(ext(43, bytes([2, 1, 0, 0, 0, 0])) + ext(17, bytes([2, 1, 0, 0, 0, 0])) + U, nh=43), 0x86DD))  # dup RH
frames.append(eth(ip6(fh(17, 0, False, 7) + U, nh=44), 0x86DD))             # useless FH
frames.append(eth(ip6(fh(17, 0, False, 7, res=1) + U, nh=44), 0x86DD))      # FH reserved non-zero (useless too)
frames.append(eth(ip6(fh(17, 0, True, 8) + b"0123456789", nh=44), 0x86DD))  # MF with len % 8 != 0
frames.append(eth(ip6(b"junk", nh=59), 0x86DD))                             # data after none
frames.append(eth(ip6(b"junk", nh=253), 0x86DD))                            # unknown next header
frames.append(eth(ip6(icmp4(8, 0), nh=1), 0x86DD))                          # ICMPv4 in IPv6
frames.append(eth(ip6(bytes([17, 3, 0, 0, 0, 0, 0, 0]), nh=0), 0x86DD))     # truncated exthdr
frames.append(eth(ip6(bytes([17, 1, 0, 5]) + b"\0" * 8 + U, nh=51), 0x86DD))  # AH reserved not null
frames.append(eth(ip6(ext(17, bytes([0x3e, 4, 0, 0, 0, 0])) + U, nh=60), 0x86DD))  # dst opts unknown option
frames.append(eth(ip6(ext(17, bytes([1, 0, 1, 2, 0, 0])) + U, nh=60), 0x86DD))     # zero-length PadN
frames.append(eth(ip6(ext(17, bytes([5, 9, 0, 0, 0, 0])) + U, nh=60), 0x86DD))     # option len overruns
frames.append(eth(ip6(ext(60, PAD6) + ext(60, PAD6) + ext(17, PAD6) + U, nh=60), 0x86DD))  # 3 dst opts
frames.append(eth(ip6(ext(17, bytes([5, 2, 0, 0, 1, 0])) + U, nh=0), 0x86DD))      # router alert ok
frames.append(eth(ip6(U, plen=100, nh=17), 0x86DD))                         # truncated
frames.append(eth(ip6(U, ver=4, nh=17), 0x86DD))                            # wrong version
frames.append(eth(b"\x60" + b"\0" * 20, 0x86DD))                            # too small
frames.append(eth(ip6(b"\0" * 20, nh=50), 0x86DD))                          # ESP
# ---- ICMPv6
frames.append(eth(ip6(icmp6(128, 3), nh=58), 0x86DD))                       # echo bad code
frames.append(eth(ip6(icmp6(130, 0, b"\0" * 20), nh=58, hlim=64), 0x86DD))  # MLD with hop limit != 1
frames.append(eth(ip6(icmp6(50, 0), nh=58), 0x86DD))                        # unassigned
frames.append(eth(ip6(icmp6(100, 0), nh=58), 0x86DD))                       # experimentation
frames.append(eth(ip6(icmp6(127, 0), nh=58), 0x86DD))                       # unknown
frames.append(eth(ip6(icmp6(1, 9), nh=58), 0x86DD))                         # unreach bad code
frames.append(eth(ip6(icmp6(1, 0, b"\0" * 4 + b"\x40" + b"\0" * 45), nh=58), 0x86DD))  # quoted wrong version
frames.append(eth(ip6(b"\0" * 4, nh=58), 0x86DD))                           # too small
# ---- GRE
IN4 = ip4(tcp(b"inner"), src="192.168.1.1", dst="192.168.1.2")
frames.append(eth(ip4(gre(0x0800, IN4), proto=47)))                         # plain GRE, IPv4 inside
frames.append(eth(ip4(gre(0x0800, IN4, flags=0xB0, extra=b"\0" * 12), proto=47)))  # csum+key+seq
frames.append(eth(ip4(gre(0x6558, eth(IN4)), proto=47)))                    # transparent ethernet bridging
frames.append(eth(ip4(gre(0x86DD, ip6(U, nh=17)), proto=47)))               # IPv6 inside
frames.append(eth(ip4(gre(0x0800, IN4, ver=2), proto=47)))                  # wrong version
frames.append(eth(ip4(gre(0x0800, IN4, flags=0x01), proto=47)))             # v0 recursion
frames.append(eth(ip4(gre(0x0800, IN4, ver=0x08), proto=47)))               # v0 flags
frames.append(eth(ip4(gre(0x0800, b"", flags=0xB0), proto=47)))             # v0 header too big
frames.append(eth(ip4(gre(0x880B, b"\0" * 8, flags=0x20, ver=1, extra=b"\0" * 4), proto=47)))  # v1 PPTP
frames.append(eth(ip4(gre(0x880B, b"\0" * 8, flags=0x00, ver=1), proto=47)))  # v1 without key
frames.append(eth(ip4(gre(0x0800, IN4, flags=0x80, ver=1), proto=47)))      # v1 checksum
frames.append(eth(ip6(gre(0x0800, IN4), nh=47), 0x86DD))                    # GRE over IPv6
frames.append(eth(ip4(gre(0x8100, vlan(IN4, 0x0800, 33)), proto=47)))       # 802.1Q inside GRE
# ---- IP in IP
frames.append(eth(ip4(IN4, proto=4)))                                       # IPv4 in IPv4
frames.append(eth(ip4(ip6(U, nh=17), proto=41)))                            # IPv6 in IPv4
frames.append(eth(ip6(IN4, nh=4), 0x86DD))                                  # IPv4 in IPv6
frames.append(eth(ip6(b"\0" * 10, nh=4), 0x86DD))                           # too small
frames.append(eth(ip6(b"\x60" + b"\0" * 30, nh=4), 0x86DD))                 # wrong version
frames.append(eth(ip6(ip6(U, nh=17), nh=41), 0x86DD))                       # IPv6 in IPv6
frames.append(eth(ip6(b"\0" * 10, nh=41), 0x86DD))                          # too small
frames.append(eth(ip6(IN4 + b"\0" * 40, nh=41), 0x86DD))                    # wrong version
# ---- L2
frames.append(eth(vlan(b"\0" * 20, 0x1234), 0x8100))                        # unknown type in vlan
frames.append(eth(vlan(vlan(vlan(vlan(IN4, 0x0800), 0x8100), 0x8100), 0x8100), 0x8100))  # 4 tags
frames.append(eth(b"\0\x01", 0x8100))                                       # vlan header too small
frames.append(eth(vlan(vlan(IN4, 0x0800, 20), 0x8100, 10), 0x88A8))         # QinQ
frames.append(b"\0" * 10)                                                   # ethernet too small
frames.append(eth(b"\0" * 28, 0x0806))                                      # ARP
frames.append(eth(b"\0" * 28, 0x1234))                                      # unknown ethertype
# ---- fragments: IPv4 two fragments, the second overlapping with different data
P = icmp4(8, 0, b"\0\1\0\1" + b"A" * 20)                                  # 28 bytes
frames.append(eth(ip4(P[:16], proto=1, ident=77, flags_off=0x2000)))
frames.append(eth(ip4(b"B" * 8 + P[16:], proto=1, ident=77, flags_off=1)))  # off 8: overlaps bytes 8..15
# IPv6 fragments of a UDP datagram, out of order
UD = udp(b"Z" * 24)                                                         # 32 bytes
frames.append(eth(ip6(fh(17, 16, False, 99) + UD[16:], nh=44), 0x86DD))
frames.append(eth(ip6(fh(17, 0, True, 99) + UD[:16], nh=44), 0x86DD))
# ESP over IPv4, and too small
frames.append(eth(ip4(b"\0" * 16, proto=50)))
frames.append(eth(ip4(b"\0" * 4, proto=50)))
write("ethernet-edge-cases.pcap", 1, frames)

# ---- Linux cooked v1, loopback and raw captures
sll = lambda proto, payload: struct.pack("!HHH8sH", 0, 1, 6, b"\0" * 8, proto) + payload
write("sll.pcap", 113, [sll(0x0800, IN4), sll(0x86DD, ip6(U, nh=17)), b"\0" * 10, sll(0x0806, b"\0" * 28)])
null = lambda fam, payload: struct.pack("<I", fam) + payload
write("null.pcap", 0, [null(2, IN4), null(30, ip6(U, nh=17)), null(24, ip6(U, nh=17)), null(77, IN4), b"\0\0"])
write("raw.pcap", 101, [IN4, ip6(U, nh=17), b"\x75" + b"\0" * 30, b"\x45" + b"\0" * 10, b"\x60" + b"\0" * 25])
