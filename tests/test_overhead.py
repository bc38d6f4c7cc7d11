"""The packet budget against an independent byte count, and the proposal parsers."""

from __future__ import annotations

import math
import struct

import pytest

from l2tp_lint import overhead
from l2tp_lint.overhead import (
    CIPHERS,
    DEFAULT_PROPOSALS,
    INTEGRITY,
    L2TP_HEADER_OURS,
    L2TP_HEADER_OURS_SEQ,
    L2TP_HEADER_PEER_MAX,
    Budget,
    Path,
    Proposal,
    budget,
    largest_payload,
    layout,
    packet_size,
    parse_proposals,
    table,
)

# Written again here from the RFCs, so that the arithmetic below owes nothing to
# the module: cipher -> (IV bytes, cipher block bytes, AEAD tag bytes or None).
RFC_CIPHERS = {
    "null": (0, 1, None), "des-cbc": (8, 8, None), "3des-cbc": (8, 8, None),
    "blowfish-cbc": (8, 8, None), "cast-cbc": (8, 8, None), "aes-cbc": (16, 16, None),
    "camellia-cbc": (16, 16, None), "serpent-cbc": (16, 16, None),
    "twofish-cbc": (16, 16, None), "aes-ctr": (8, 1, None), "camellia-ctr": (8, 1, None),
    "aes-gcm-8": (8, 1, 8), "aes-gcm-12": (8, 1, 12), "aes-gcm-16": (8, 1, 16),
    "aes-ccm-8": (8, 1, 8), "aes-ccm-12": (8, 1, 12), "aes-ccm-16": (8, 1, 16),
    "camellia-ccm-8": (8, 1, 8), "camellia-ccm-12": (8, 1, 12),
    "camellia-ccm-16": (8, 1, 16), "aes-gmac": (8, 1, 16), "chacha20-poly1305": (8, 1, 16),
}
RFC_INTEGRITY = {
    "none": 0, "md5-96": 12, "md5-128": 16, "sha1-96": 12, "sha1-160": 20,
    "sha2-256-128": 16, "sha2-256-96": 12, "sha2-384-192": 24, "sha2-512-256": 32,
    "aes-xcbc-96": 12, "aes-cmac-96": 12, "camellia-xcbc-96": 12,
}
HEADERS = (L2TP_HEADER_OURS, L2TP_HEADER_OURS_SEQ, L2TP_HEADER_PEER_MAX)


def every_pair() -> list[tuple[str, str]]:
    """Return every cipher with every integrity; AEAD ciphers with 'none' only."""
    return [(cipher, integrity) for cipher, (_, _, tag) in RFC_CIPHERS.items()
            for integrity in (["none"] if tag else RFC_INTEGRITY)]


def wire_length(ppp_size: int, outer: str, natt: bool, cipher: str, integrity: str,
                l2tp: int) -> int:
    """Count the bytes of one packet, one component after another (RFC 4303)."""
    iv, block, tag = RFC_CIPHERS[cipher]
    icv = RFC_INTEGRITY[integrity] if tag is None else tag
    inner = 8 + l2tp + 2 + 2 + ppp_size        # UDP 1701, L2TP, FF 03, protocol, payload
    multiple = math.lcm(block, 4)              # whole blocks, trailer on a 32-bit boundary
    padding = 0
    while (inner + padding + 2) % multiple:
        padding += 1
    encrypted = inner + padding + 1 + 1        # pad length, next header
    esp = 4 + 4 + iv + encrypted + icv         # SPI, sequence number, IV, ..., ICV
    return (20 if outer == "ipv4" else 40) + (8 if natt else 0) + esp


def check_path(mtu: int, outer: str, natt: bool, cipher: str, integrity: str,
               l2tp: int) -> None:
    """Assert largest_payload and packet_size agree with the count at the edge."""
    path = Path(mtu, outer, natt)
    proposal = Proposal(cipher, integrity, "test")
    largest = largest_payload(path, proposal, l2tp)
    fits = wire_length(largest, outer, natt, cipher, integrity, l2tp)
    too_big = wire_length(largest + 1, outer, natt, cipher, integrity, l2tp)
    assert packet_size(largest, path, proposal, l2tp) == fits <= mtu
    assert packet_size(largest + 1, path, proposal, l2tp) == too_big > mtu


def test_tables_hold_the_rfc_values() -> None:
    """Every algorithm the module knows carries the RFC's IV, block and ICV."""
    known = {key: (c.iv, c.block, c.icv) for key, c in CIPHERS.items()}
    assert known == RFC_CIPHERS
    assert INTEGRITY == RFC_INTEGRITY


def test_every_algorithm_against_the_byte_count() -> None:
    """Every pair, both outer versions, NAT-T on and off, three L2TP headers."""
    mtus = [*range(576, 1601, 11), *range(1601, 9001, 97), 9000]
    for cipher, integrity in every_pair():
        for outer in ("ipv4", "ipv6"):
            for natt in (False, True):
                for l2tp in HEADERS:
                    for mtu in mtus:
                        check_path(mtu, outer, natt, cipher, integrity, l2tp)


def test_every_path_mtu_against_the_byte_count() -> None:
    """Every MTU 576-1600 and a stride to 9000, once per distinct overhead shape."""
    shapes: dict[tuple[int, int, int], tuple[str, str]] = {}
    for cipher, integrity in every_pair():
        iv, block, tag = RFC_CIPHERS[cipher]
        shapes.setdefault((iv, block, tag or RFC_INTEGRITY[integrity]), (cipher, integrity))
    mtus = [*range(576, 1601), *range(1601, 9001, 29), 9000]
    for cipher, integrity in shapes.values():
        for outer in ("ipv4", "ipv6"):
            for natt in (False, True):
                for l2tp in HEADERS:
                    for mtu in mtus:
                        check_path(mtu, outer, natt, cipher, integrity, l2tp)


def build_packet(ppp_size: int, path: Path, proposal: Proposal, l2tp: int) -> bytes:
    """Build one packet as bytes (zeros for keys and data, RFC 4303 pad pattern)."""
    iv, block, tag = RFC_CIPHERS[proposal.cipher]
    icv = RFC_INTEGRITY[proposal.integrity] if tag is None else tag
    l2tp_header = struct.pack("!HHH", 0x0002, 1, 1) + bytes(l2tp - 6)
    ppp = b"\xff\x03\x00\x21" + bytes(ppp_size)
    plain = struct.pack("!HHHH", 1701, 1701, 8 + l2tp + len(ppp), 0) + l2tp_header + ppp
    pad = bytearray()
    while (len(plain) + len(pad) + 2) % math.lcm(block, 4):
        pad.append(len(pad) + 1)
    esp = struct.pack("!II", 0x1000, 1) + bytes(iv) + plain + pad + bytes([len(pad), 17])
    esp += bytes(icv)
    natt = struct.pack("!HHHH", 4500, 4500, 8 + len(esp), 0) if path.natt else b""
    outer = bytes(20 if path.outer == "ipv4" else 40)
    return outer + natt + esp


@pytest.mark.parametrize("cipher, integrity", every_pair())
def test_packet_built_from_bytes(cipher: str, integrity: str) -> None:
    """A packet built byte by byte is as long as packet_size and layout say."""
    proposal = Proposal(cipher, integrity, "test")
    for path in (Path(1500, "ipv4", True), Path(1280, "ipv6", False)):
        for size in (0, 1, 2, 3, 1279, 1380, 1400, 1401):
            packet = build_packet(size, path, proposal, 12)
            assert len(packet) == packet_size(size, path, proposal, 12)
            assert sum(n for _, n in layout(size, path, proposal, 12)) == len(packet)


# Tables of the research notes (section 1.6): max PPP MTU for L2TP 6/10/12.
NOTES_1500 = {
    ("ipv4", False): ["1420/1416/1414", "1420/1416/1414", "1404/1400/1398",
                      "1428/1424/1422", "1428/1424/1422", "1428/1424/1422"],
    ("ipv4", True): ["1404/1400/1398", "1404/1400/1398", "1388/1384/1382",
                     "1420/1416/1414", "1420/1416/1414", "1420/1416/1414"],
    ("ipv6", False): ["1404/1400/1398", "1388/1384/1382", "1372/1368/1366",
                      "1408/1404/1402", "1412/1408/1406", "1408/1404/1402"],
    ("ipv6", True): ["1388/1384/1382", "1388/1384/1382", "1372/1368/1366",
                     "1400/1396/1394", "1404/1400/1398", "1400/1396/1394"],
}
NOTES_1492 = {
    ("ipv4", False): ["1404/1400/1398", "1404/1400/1398", "1388/1384/1382",
                      "1420/1416/1414", "1420/1416/1414", "1420/1416/1414"],
    ("ipv4", True): ["1404/1400/1398", "1404/1400/1398", "1388/1384/1382",
                     "1412/1408/1406", "1412/1408/1406", "1412/1408/1406"],
    ("ipv6", False): ["1388/1384/1382", "1388/1384/1382", "1372/1368/1366",
                      "1400/1396/1394", "1404/1400/1398", "1400/1396/1394"],
    ("ipv6", True): ["1388/1384/1382", "1372/1368/1366", "1356/1352/1350",
                     "1392/1388/1386", "1396/1392/1390", "1392/1388/1386"],
}
NOTES_COLUMNS = [("aes-cbc", "sha1-96"), ("aes-cbc", "sha2-256-128"),
                 ("aes-cbc", "sha2-512-256"), ("aes-gcm-16", "none"),
                 ("3des-cbc", "sha1-96"), ("chacha20-poly1305", "none")]


@pytest.mark.parametrize("mtu, rows", [(1500, NOTES_1500), (1492, NOTES_1492)])
def test_the_tables_of_the_notes(mtu: int, rows: dict[tuple[str, bool], list[str]]) -> None:
    """largest_payload reproduces every cell of the notes' tables."""
    for (outer, natt), cells in rows.items():
        path = Path(mtu, outer, natt)
        for (cipher, integrity), cell in zip(NOTES_COLUMNS, cells, strict=True):
            proposal = Proposal(cipher, integrity, "test")
            found = "/".join(str(largest_payload(path, proposal, h)) for h in HEADERS)
            assert found == cell, (outer, natt, cipher, integrity)


def test_worked_examples() -> None:
    """The step-by-step examples of the notes, and the rules' example message."""
    sha1 = Proposal("aes-cbc", "sha1-96", "aes-sha1")
    sha512 = Proposal("aes-cbc", "sha2-512-256", "aes256-sha2_512")
    assert largest_payload(Path(1500), sha1, 6) == 1404
    assert packet_size(1404, Path(1500), sha1, 6) == 1488
    assert packet_size(1405, Path(1500), sha1, 6) == 1504
    assert largest_payload(Path(1500, natt=False), sha1, 6) == 1420
    assert packet_size(1410, Path(1500), sha1, 6) == 1504
    assert packet_size(1280, Path(1500), sha512, 12) == 1396
    # "mtu 1460 gives 1572-byte ESP packets on a 1500-byte path (aes-cbc, sha2_512,
    # NAT-T); 1388 fits"
    assert sha512.label() == "aes-cbc, sha2_512"
    assert packet_size(1460, Path(1500), sha512, L2TP_HEADER_OURS) == 1572
    assert largest_payload(Path(1500), sha512, L2TP_HEADER_OURS) == 1388
    chain = {1500: 1382, 1492: 1382, 1480: 1366, 1472: 1350, 1460: 1350, 1450: 1334,
             1420: 1302, 1400: 1286, 1380: 1270, 1360: 1238, 1280: 1158}
    for mtu, expected in chain.items():
        assert largest_payload(Path(mtu), sha512, L2TP_HEADER_PEER_MAX) == expected


def test_nothing_fits_a_tiny_path() -> None:
    """A path too small for an empty frame gives a budget below 1."""
    proposal = Proposal("aes-cbc", "sha2-512-256", "test")
    assert largest_payload(Path(68), proposal, 12) < 1


def test_layout_rows_in_wire_order() -> None:
    """The rows follow the wire; the NAT-T row exists only with NAT-T."""
    proposal = Proposal("aes-cbc", "sha2-512-256", "test")
    rows = layout(1460, Path(1500), proposal, 6)
    assert [n for _, n in rows] == [20, 8, 8, 16, 8, 6, 4, 1460, 8, 2, 32]
    assert sum(n for _, n in rows) == 1572
    bare = layout(1400, Path(1500, "ipv6", False), proposal, 10)
    assert bare[0] == ("outer ipv6 header", 40)
    assert not any("nat-t" in name for name, _ in bare)


@pytest.mark.parametrize("cipher, integrity", every_pair())
def test_layout_sums_to_packet_size(cipher: str, integrity: str) -> None:
    """Every row count adds up to packet_size, whatever the sizes."""
    proposal = Proposal(cipher, integrity, "test")
    for path in (Path(1500), Path(1500, "ipv6", False)):
        for size in range(1300, 1320):
            for l2tp in HEADERS:
                rows = layout(size, path, proposal, l2tp)
                assert sum(n for _, n in rows) == packet_size(size, path, proposal, l2tp)


def test_budget_takes_the_worst_proposal() -> None:
    """The budget is the smallest over the list, whatever its order."""
    proposals = parse_proposals("aes_gcm-null,aes128-sha1,aes256-sha2_512,3des-sha1",
                                "libreswan")
    for order in (proposals, proposals[::-1]):
        found = budget(order, Path(1500), 6)
        assert found == Budget(1388, found.proposal, Path(1500), 6)
        assert (found.proposal.cipher, found.proposal.integrity) == ("aes-cbc", "sha2-512-256")
    assert budget(proposals, Path(1500), 12).size == 1382


def test_budget_tie_goes_to_the_larger_overhead() -> None:
    """SHA1 and SHA2-256 tie at 1404 under CBC rounding; the longer ICV is named."""
    proposals = parse_proposals("aes-sha1,aes-sha2", "libreswan")
    found = budget(proposals, Path(1500), 6)
    assert found.size == 1404
    assert found.proposal.integrity == "sha2-256-128"


def test_budget_of_nothing() -> None:
    """An empty proposal list has no budget."""
    with pytest.raises(ValueError, match="no esp proposal"):
        budget([], Path(), 6)


def test_table_shows_both_budgets() -> None:
    """The table names the path, each proposal, and both budget-sized packets."""
    proposals = parse_proposals("aes128-sha1,aes256-sha512!", "strongswan")
    text = table(Path(1500), proposals)
    assert "1500-byte ipv4 path, NAT-T" in text
    assert "mtu 1388: what we send, l2tp header 6 bytes without sequence" in text
    assert "mru 1382: what the peer may send, l2tp header up to 12 bytes" in text
    assert "worst proposal: aes-cbc, sha2_512" in text
    assert "total                           1492 of 1500" in text
    assert "mtu 1389 would need 1508 bytes" in text
    sequenced = table(Path(1500), proposals, sequencing=True)
    assert "mtu 1384: what we send, l2tp header 10 bytes with sequence" in sequenced
    assert all(len(line) <= 99 for line in text.splitlines())


def test_table_when_nothing_fits() -> None:
    """A path too small for any frame says so instead of drawing a packet."""
    proposals = [Proposal("aes-cbc", "sha2-512-256", "test")]
    assert "no ppp payload fits a 68-byte path" in table(Path(68), proposals)


def test_labels() -> None:
    """Labels are the short words messages use."""
    assert Proposal("aes-gcm-16", "none", "x").label() == "aes-gcm-16"
    assert Proposal("aes-cbc", "none", "x").label() == "aes-cbc, no integrity"
    assert Proposal("3des-cbc", "sha1-96", "x").label() == "3des-cbc, sha1"
    assert Path(1492, "ipv6", False).label() == "1492-byte ipv6 path, no NAT-T"


def test_bad_values_are_refused() -> None:
    """Unknown algorithms, outer versions and sizes raise ValueError."""
    with pytest.raises(ValueError, match="unknown cipher 'rot13'"):
        Proposal("rot13", "none", "x")
    with pytest.raises(ValueError, match="unknown integrity"):
        Proposal("aes-cbc", "crc32", "x")
    with pytest.raises(ValueError, match="outer"):
        Path(1500, "ipv5")
    with pytest.raises(ValueError, match="positive"):
        Path(0)


# ---------------------------------------------------------------- parsing


def pairs(text: str, dialect: str) -> list[tuple[str, str]]:
    """Return the (cipher, integrity) pairs a proposal text gives."""
    return [(p.cipher, p.integrity) for p in parse_proposals(text, dialect)]


@pytest.mark.parametrize("text, expected", [
    ("aes128-sha256", [("aes-cbc", "sha2-256-128")]),
    ("aes256-sha2_512", [("aes-cbc", "sha2-512-256")]),
    ("3des-sha1!", [("3des-cbc", "sha1-96")]),
    ("aes128-sha1-modp2048,3des-md5", [("aes-cbc", "sha1-96"), ("3des-cbc", "md5-96")]),
    ("aes128-aes256-sha1-sha256-modp2048-modp4096",
     [("aes-cbc", "sha1-96"), ("aes-cbc", "sha2-256-128")]),
    ("aes128ctr-aes128gmac", None),
    ("aes256gcm16-modp2048", [("aes-gcm-16", "none")]),
    ("aes128gcm12-aes128gcm128", [("aes-gcm-12", "none"), ("aes-gcm-16", "none")]),
    ("aes128gcm", [("aes-gcm-16", "none")]),
    ("aes192ccm64", [("aes-ccm-8", "none")]),
    ("chacha20poly1305-x25519-ke1_mlkem768", [("chacha20-poly1305", "none")]),
    ("aes128", [("aes-cbc", "none")]),
    ("aes128-sha256-esn-noesn", [("aes-cbc", "sha2-256-128")]),
    ("aes128-sha256-prfsha256-modp3072", [("aes-cbc", "sha2-256-128")]),
    ("aes128-sha256_96", [("aes-cbc", "sha2-256-96")]),
    ("camellia256ctr-aescmac", [("camellia-ctr", "aes-cmac-96")]),
    (" aes128-sha1 , aes256-sha384 ", [("aes-cbc", "sha1-96"), ("aes-cbc", "sha2-384-192")]),
])
def test_strongswan_proposals(text: str, expected: list[tuple[str, str]] | None) -> None:
    """strongSwan keywords, dash lists expanded to every combination."""
    if expected is None:   # CTR with GMAC: classic and AEAD in one proposal
        with pytest.raises(ValueError, match="mixes aead and classic"):
            parse_proposals(text, "strongswan")
        return
    assert pairs(text, "strongswan") == expected


@pytest.mark.parametrize("text, message", [
    ("aes128-sha2", "unknown algorithm 'sha2' in esp proposal 'aes128-sha2'"),
    ("aes_gcm", "unknown algorithm 'aes_gcm'"),
    ("AES128-SHA1", "unknown algorithm 'AES128'"),
    ("sha256", "no encryption algorithm"),
    ("aes128gcm16-aes128-sha256", "mixes aead and classic"),
    ("aes128-sha1,,3des-sha1", "empty esp proposal"),
    ("", "empty"),
    ("!", "empty"),
    ("aes128-sha1-modp1024!,3des-sha1", "unknown algorithm 'modp1024!'"),
])
def test_strongswan_refuses(text: str, message: str) -> None:
    """Text strongSwan would refuse raises ValueError naming the culprit."""
    with pytest.raises(ValueError, match=message):
        parse_proposals(text, "strongswan")


@pytest.mark.parametrize("text, expected", [
    ("aes256-sha2_512;modp2048", [("aes-cbc", "sha2-512-256")]),
    ("aes_gcm256", [("aes-gcm-16", "none")]),
    ("aes_gcm-null", [("aes-gcm-16", "none")]),
    ("aes_gcm_a-128-null", [("aes-gcm-8", "none")]),
    ("aes_gcm_b", [("aes-gcm-12", "none")]),
    ("aes-sha1", [("aes-cbc", "sha1-96")]),
    ("aes-sha2", [("aes-cbc", "sha2-256-128")]),
    ("AES_CBC_128-HMAC_SHA2_512_256", [("aes-cbc", "sha2-512-256")]),
    ("aes-128-sha1-modp2048", [("aes-cbc", "sha1-96")]),
    ("3des", [("3des-cbc", "sha1-96"), ("3des-cbc", "sha2-512-256"),
              ("3des-cbc", "sha2-256-128")]),
    ("aes+3des-sha1+md5", [("aes-cbc", "sha1-96"), ("aes-cbc", "md5-96"),
                           ("3des-cbc", "sha1-96"), ("3des-cbc", "md5-96")]),
    ("aes-128+aes_ctr-256-sha1", [("aes-cbc", "sha1-96"), ("aes-ctr", "sha1-96")]),
    ("chacha20_poly1305", [("chacha20-poly1305", "none")]),
    ("aes_gmac", [("aes-gmac", "none")]),
    ("null-sha1", [("null", "sha1-96")]),
    ("aes-sha1;dh19,aes_gcm;ecp_256", [("aes-cbc", "sha1-96"), ("aes-gcm-16", "none")]),
    ("encrypt=aes;integ=sha2_384;ke=dh19", [("aes-cbc", "sha2-384-192")]),
    ("aes-hmac_sha2_256_truncbug", [("aes-cbc", "sha2-256-96")]),
    ("aes_xcbc-aes_xcbc", None),
])
def test_libreswan_proposals(text: str, expected: list[tuple[str, str]] | None) -> None:
    """libreswan names, '+' lists, key lengths glued or dashed, ';' key exchange."""
    if expected is None:   # aes_xcbc is integrity, not a cipher
        with pytest.raises(ValueError, match="unknown cipher 'aes_xcbc'"):
            parse_proposals(text, "libreswan")
        return
    assert pairs(text, "libreswan") == expected


@pytest.mark.parametrize("text, message", [
    ("aes-sha1-96", "unknown key exchange '96'"),
    ("aes_gcm-sha1", "aead cipher with an integrity algorithm"),
    ("aes-null", "classic cipher without integrity"),
    ("aes256gcm16", "unknown cipher 'aes256gcm16'"),
    ("blowfish-sha1", "unknown cipher 'blowfish'"),
    ("aes-sha3", "unknown integrity algorithm 'sha3'"),
    ("aes+-sha1", "empty algorithm"),
    ("aes-sha1-modp2048-sha1", "unexpected 'sha1'"),
    ("cipher=aes", "unknown transform 'cipher'"),
    ("aes-sha1+", "empty algorithm"),
    ("aes-sha1,", "empty esp proposal"),
    ("${ESP}", "unknown cipher"),
])
def test_libreswan_refuses(text: str, message: str) -> None:
    """Text libreswan would refuse raises ValueError naming the culprit."""
    with pytest.raises(ValueError, match=message):
        parse_proposals(text, "libreswan")


def test_unknown_dialect() -> None:
    """Only the three dialects are known."""
    with pytest.raises(ValueError, match="unknown ipsec dialect 'racoon'"):
        parse_proposals("aes-sha1", "racoon")


def test_written_is_kept() -> None:
    """Every pair remembers the proposal it came from, as written."""
    found = parse_proposals("aes128-aes256-sha1, aes128gcm16", "strongswan")
    assert [p.written for p in found] == ["aes128-aes256-sha1", "aes128gcm16"]


def test_swanctl_default_keyword() -> None:
    """swanctl's 'default' stands for the daemon's own list."""
    found = parse_proposals("aes128-sha1,default", "swanctl")
    assert found[0] == Proposal("aes-cbc", "sha1-96", "aes128-sha1")
    assert {(p.cipher, p.integrity) for p in found} >= {
        (p.cipher, p.integrity) for p in DEFAULT_PROPOSALS["strongswan"]}
    with pytest.raises(ValueError, match="unknown algorithm 'default'"):
        parse_proposals("default", "strongswan")


# ---------------------------------------------------------------- defaults


@pytest.mark.parametrize("key", sorted(DEFAULT_PROPOSALS))
def test_defaults_read_back(key: str) -> None:
    """Each default is spelled so that its own dialect reads it back unchanged."""
    dialect = "strongswan" if key in {"strongswan", "swanctl"} else "libreswan"
    for proposal in DEFAULT_PROPOSALS[key]:
        found = parse_proposals(proposal.written, dialect)
        assert (found[0].cipher, found[0].integrity) == (proposal.cipher, proposal.integrity)


def test_defaults_contents() -> None:
    """The sets of the daemons' sources; the worst of each is AES-CBC with SHA2-512."""
    def keys(name: str) -> set[tuple[str, str]]:
        return {(p.cipher, p.integrity) for p in DEFAULT_PROPOSALS[name]}

    cbc = {("aes-cbc", i) for i in ("sha2-256-128", "sha2-384-192", "sha2-512-256",
                                    "sha1-96", "aes-xcbc-96")}
    assert keys("strongswan") == keys("swanctl") == cbc | {("aes-gcm-16", "none")}
    ikev1 = {(c, i) for c in ("aes-cbc", "3des-cbc")
             for i in ("sha1-96", "sha2-512-256", "sha2-256-128")}
    assert keys("libreswan-ikev1") == ikev1 | {("aes-gcm-16", "none")}
    assert keys("libreswan-ikev2") == {("aes-gcm-16", "none"), ("chacha20-poly1305", "none"),
                                       ("aes-cbc", "sha2-512-256"), ("aes-cbc", "sha2-256-128")}
    assert keys("libreswan") == keys("libreswan-ikev1") | keys("libreswan-ikev2")
    for name in DEFAULT_PROPOSALS:
        worst = budget(DEFAULT_PROPOSALS[name], Path(1500), 6)
        assert (worst.size, worst.proposal.label()) == (1388, "aes-cbc, sha2_512")


def test_module_constants() -> None:
    """The header sizes the rules rely on."""
    assert (overhead.L2TP_HEADER_OURS, overhead.L2TP_HEADER_OURS_SEQ,
            overhead.L2TP_HEADER_PEER_MAX, overhead.PPP_HEADER) == (6, 10, 12, 4)
