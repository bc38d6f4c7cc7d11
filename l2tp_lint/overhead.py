"""The L2TP/IPsec packet budget: how many bytes one PPP frame costs inside ESP.

An L2TP data packet protected by ESP in transport mode goes on the wire as

    outer IP | [UDP 4500] | ESP SPI+seq | IV | UDP 1701 | L2TP | PPP | payload
    | ESP padding | pad length | next header | ICV

The pppd ``mtu``/``mru`` counts the payload only (RFC 1661 section 2).  ESP
pads the encrypted part (UDP 1701 up to the next-header byte) to the cipher's
block size and, whatever the cipher, to a 4-byte boundary (RFC 4303 section
2.4), so the budget is computed with that rounding, never as a fixed overhead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

IP_HEADER = {"ipv4": 20, "ipv6": 40}   # RFC 791; RFC 8200 section 3, no options
UDP_HEADER = 8                          # RFC 768; NAT-T adds one (RFC 3948 section 2.1)
ESP_HEADER = 8                          # SPI + sequence number, RFC 4303 sections 2.1-2.2
ESP_TRAILER = 2                         # pad length + next header, RFC 4303 sections 2.5-2.6
ESP_ALIGNMENT = 4                       # the trailer ends on a 4-byte boundary, RFC 4303 2.4

L2TP_HEADER_OURS = 6       # Linux kernel L2TPv2 data header, no sequence numbers
L2TP_HEADER_OURS_SEQ = 10  # the same with Ns/Nr
L2TP_HEADER_PEER_MAX = 12  # a peer that sets L and S (npppd's default), RFC 2661 3.1
PPP_HEADER = 4             # FF 03 + 2-byte protocol; the kernel always sends FF 03


@dataclass(frozen=True, slots=True)
class Cipher:
    """What an ESP encryption transform adds to each packet."""

    iv: int           # bytes of IV carried in every packet
    block: int        # the encrypted part is padded to a multiple of this (1: no padding)
    icv: int | None   # tag length of a combined-mode (AEAD) cipher, else None

    @property
    def aead(self) -> bool:
        """Return whether the cipher brings its own integrity tag."""
        return self.icv is not None

    @property
    def alignment(self) -> int:
        """Return the multiple the encrypted part is padded to."""
        return max(self.block, ESP_ALIGNMENT)


CIPHERS: dict[str, Cipher] = {
    "null": Cipher(0, 1, None),                 # RFC 2410
    "des-cbc": Cipher(8, 8, None),              # RFC 2405
    "3des-cbc": Cipher(8, 8, None),             # RFC 2451
    "blowfish-cbc": Cipher(8, 8, None),         # RFC 2451
    "cast-cbc": Cipher(8, 8, None),             # RFC 2451 (CAST-128)
    "aes-cbc": Cipher(16, 16, None),            # RFC 3602
    "camellia-cbc": Cipher(16, 16, None),       # RFC 4312
    "serpent-cbc": Cipher(16, 16, None),        # 128-bit block cipher in CBC, IV = block
    "twofish-cbc": Cipher(16, 16, None),        # 128-bit block cipher in CBC, IV = block
    "aes-ctr": Cipher(8, 1, None),              # RFC 3686
    "camellia-ctr": Cipher(8, 1, None),         # RFC 5529
    "aes-gcm-8": Cipher(8, 1, 8),               # RFC 4106
    "aes-gcm-12": Cipher(8, 1, 12),
    "aes-gcm-16": Cipher(8, 1, 16),
    "aes-ccm-8": Cipher(8, 1, 8),               # RFC 4309
    "aes-ccm-12": Cipher(8, 1, 12),
    "aes-ccm-16": Cipher(8, 1, 16),
    "camellia-ccm-8": Cipher(8, 1, 8),          # RFC 5529
    "camellia-ccm-12": Cipher(8, 1, 12),
    "camellia-ccm-16": Cipher(8, 1, 16),
    "aes-gmac": Cipher(8, 1, 16),               # RFC 4543, integrity only
    "chacha20-poly1305": Cipher(8, 1, 16),      # RFC 7634
}

INTEGRITY: dict[str, int] = {   # ICV bytes
    "none": 0,             # AEAD ciphers, or ESP without integrity
    "md5-96": 12,          # RFC 2403
    "md5-128": 16,         # strongSwan md5_128
    "sha1-96": 12,         # RFC 2404
    "sha1-160": 20,        # strongSwan sha1_160
    "sha2-256-128": 16,    # RFC 4868
    "sha2-256-96": 12,     # pre-RFC truncation: libreswan sha2-truncbug, strongSwan sha256_96
    "sha2-384-192": 24,    # RFC 4868
    "sha2-512-256": 32,    # RFC 4868
    "aes-xcbc-96": 12,     # RFC 3566
    "aes-cmac-96": 12,     # RFC 4494
    "camellia-xcbc-96": 12,
}

_INTEGRITY_WORDS = {
    "md5-96": "md5", "md5-128": "md5_128", "sha1-96": "sha1", "sha1-160": "sha1_160",
    "sha2-256-128": "sha2_256", "sha2-256-96": "sha2_256_96", "sha2-384-192": "sha2_384",
    "sha2-512-256": "sha2_512", "aes-xcbc-96": "aes_xcbc", "aes-cmac-96": "aes_cmac",
    "camellia-xcbc-96": "camellia_xcbc", "none": "no integrity",
}


@dataclass(frozen=True, slots=True)
class Proposal:
    """One negotiable ESP transform: a cipher and an integrity algorithm."""

    cipher: str      # a key of CIPHERS
    integrity: str   # a key of INTEGRITY; 'none' for AEAD ciphers
    written: str     # the proposal as the configuration spells it

    def __post_init__(self) -> None:
        """Refuse algorithms the tables do not know."""
        if self.cipher not in CIPHERS:
            raise ValueError(f"unknown cipher '{self.cipher}'")
        if self.integrity not in INTEGRITY:
            raise ValueError(f"unknown integrity algorithm '{self.integrity}'")

    def label(self) -> str:
        """Return short words for messages, such as 'aes-cbc, sha2_512'."""
        if CIPHERS[self.cipher].aead:
            return self.cipher
        return f"{self.cipher}, {_INTEGRITY_WORDS[self.integrity]}"

    @property
    def icv(self) -> int:
        """Return the bytes of integrity check value after the encrypted part."""
        tag = CIPHERS[self.cipher].icv
        return INTEGRITY[self.integrity] if tag is None else tag


@dataclass(frozen=True, slots=True)
class Path:
    """The network path the ESP packets cross."""

    mtu: int = 1500
    outer: str = "ipv4"   # or 'ipv6'
    natt: bool = True     # ESP inside UDP 4500

    def __post_init__(self) -> None:
        """Refuse an unknown IP version or a size below one byte."""
        if self.outer not in IP_HEADER:
            raise ValueError(f"outer must be 'ipv4' or 'ipv6', not '{self.outer}'")
        if self.mtu < 1:
            raise ValueError(f"path mtu must be positive, not {self.mtu}")

    def label(self) -> str:
        """Return short words for messages, such as '1500-byte ipv4 path, NAT-T'."""
        natt = "NAT-T" if self.natt else "no NAT-T"
        return f"{self.mtu}-byte {self.outer} path, {natt}"


# ---------------------------------------------------------------- arithmetic


def _outside(path: Path, proposal: Proposal) -> int:
    """Return the bytes around the encrypted part: headers, IV and ICV."""
    natt = UDP_HEADER if path.natt else 0
    iv = CIPHERS[proposal.cipher].iv
    return IP_HEADER[path.outer] + natt + ESP_HEADER + iv + proposal.icv


def _plaintext(ppp_size: int, l2tp_header: int, ppp_header: int) -> int:
    """Return the bytes ESP encrypts before padding, trailer included."""
    return UDP_HEADER + l2tp_header + ppp_header + ppp_size + ESP_TRAILER


def _padding(plaintext: int, proposal: Proposal) -> int:
    """Return the ESP padding that brings the plaintext to the alignment."""
    return -plaintext % CIPHERS[proposal.cipher].alignment


def packet_size(ppp_size: int, path: Path, proposal: Proposal, l2tp_header: int,
                ppp_header: int = PPP_HEADER) -> int:
    """Return the bytes of the outer IP packet that carries one ppp_size payload."""
    plaintext = _plaintext(ppp_size, l2tp_header, ppp_header)
    return _outside(path, proposal) + plaintext + _padding(plaintext, proposal)


def largest_payload(path: Path, proposal: Proposal, l2tp_header: int,
                    ppp_header: int = PPP_HEADER) -> int:
    """Return the largest PPP mtu/mru whose packets cross the path unfragmented.

    The result is below 1 when not even an empty frame fits.
    """
    alignment = CIPHERS[proposal.cipher].alignment
    room = path.mtu - _outside(path, proposal)
    encrypted = room // alignment * alignment
    return encrypted - _plaintext(0, l2tp_header, ppp_header)


@dataclass(frozen=True, slots=True)
class Budget:
    """The largest PPP payload that fits the path whichever proposal is chosen."""

    size: int             # the largest payload that fits for every proposal
    proposal: Proposal    # the proposal that leaves the least room
    path: Path
    l2tp_header: int


def budget(proposals: list[Proposal], path: Path, l2tp_header: int) -> Budget:
    """Return the budget of the worst proposal; ties go to the larger overhead."""
    if not proposals:
        raise ValueError("no esp proposal to budget for")

    def cost(indexed: tuple[int, Proposal]) -> tuple[int, int, int]:
        index, proposal = indexed
        size = largest_payload(path, proposal, l2tp_header)
        return size, -_outside(path, proposal), index

    _, worst = min(enumerate(proposals), key=cost)
    size = largest_payload(path, worst, l2tp_header)
    return Budget(size, worst, path, l2tp_header)


def layout(ppp_size: int, path: Path, proposal: Proposal, l2tp_header: int,
           ppp_header: int = PPP_HEADER) -> list[tuple[str, int]]:
    """Return (component, bytes) rows in wire order; they sum to packet_size."""
    plaintext = _plaintext(ppp_size, l2tp_header, ppp_header)
    rows = [(f"outer {path.outer} header", IP_HEADER[path.outer])]
    if path.natt:
        rows.append(("udp header (nat-t, port 4500)", UDP_HEADER))
    rows += [
        ("esp header (spi, sequence)", ESP_HEADER),
        ("esp iv", CIPHERS[proposal.cipher].iv),
        ("udp header (l2tp, port 1701)", UDP_HEADER),
        ("l2tp header", l2tp_header),
        ("ppp header", ppp_header),
        ("ppp payload", ppp_size),
        ("esp padding", _padding(plaintext, proposal)),
        ("esp pad length + next header", ESP_TRAILER),
        ("esp icv", proposal.icv),
    ]
    return rows


# ---------------------------------------------------------------- the table


def table(path: Path, proposals: list[Proposal], sequencing: bool = False) -> str:
    """Return a plain-text, byte-by-byte account of the mtu and mru budgets."""
    ours = L2TP_HEADER_OURS_SEQ if sequencing else L2TP_HEADER_OURS
    lines = [f"path: {path.label()}", ""]
    lines += _proposal_rows(path, proposals, ours)
    seq = "with" if sequencing else "without"
    lines += _budget_block(budget(proposals, path, ours), "mtu",
                           f"what we send, l2tp header {ours} bytes {seq} sequence numbers")
    lines += _budget_block(budget(proposals, path, L2TP_HEADER_PEER_MAX), "mru",
                           f"what the peer may send, l2tp header up to "
                           f"{L2TP_HEADER_PEER_MAX} bytes")
    return "\n".join(lines).rstrip() + "\n"


def _proposal_rows(path: Path, proposals: list[Proposal], ours: int) -> list[str]:
    """Return one line per proposal with its own mtu and mru budgets."""
    width = max(len("proposal"), *(len(p.label()) for p in proposals))
    lines = [f"{'proposal':<{width}}  {'mtu':>5}  {'mru':>5}"]
    for proposal in proposals:
        mtu = largest_payload(path, proposal, ours)
        mru = largest_payload(path, proposal, L2TP_HEADER_PEER_MAX)
        lines.append(f"{proposal.label():<{width}}  {mtu:>5}  {mru:>5}")
    return lines + [""]


def _budget_block(found: Budget, option: str, title: str) -> list[str]:
    """Return the layout of one budget-sized packet, with totals."""
    if found.size < 1:
        return [f"{option}: no ppp payload fits a {found.path.mtu}-byte path", ""]

    rows = layout(found.size, found.path, found.proposal, found.l2tp_header)
    width = max(len(name) for name, _ in rows)
    lines = [f"{option} {found.size}: {title}",
             f"  worst proposal: {found.proposal.label()}"]
    lines += [f"  {name:<{width}}  {size:>5}" for name, size in rows]
    total = sum(size for _, size in rows)
    lines.append(f"  {'total':<{width}}  {total:>5} of {found.path.mtu}")
    over = packet_size(found.size + 1, found.path, found.proposal, found.l2tp_header)
    lines.append(f"  {option} {found.size + 1} would need {over} bytes")
    return lines + [""]


# ---------------------------------------------------------------- proposals


def parse_proposals(text: str, dialect: str) -> list[Proposal]:
    """Return the ESP transforms a proposal list allows, one per cipher/integrity pair.

    dialect is 'strongswan' (ipsec.conf esp=), 'swanctl' (esp_proposals, which
    also knows 'default') or 'libreswan' (phase2alg= / esp=).  Key exchange,
    ESN and a trailing '!' do not change a packet and are skipped.
    """
    parsers = {"strongswan": _strongswan_proposal, "swanctl": _swanctl_proposal,
               "libreswan": _libreswan_proposal}
    if dialect not in parsers:
        raise ValueError(f"unknown ipsec dialect '{dialect}'")
    body = text.strip().removesuffix("!")
    if not body.strip():
        raise ValueError("the esp proposal list is empty")

    found: list[Proposal] = []
    for written in body.split(","):
        if not written.strip():
            raise ValueError(f"empty esp proposal in '{text.strip()}'")
        found += parsers[dialect](written.strip())
    return _unique(found)


def _unique(proposals: list[Proposal]) -> list[Proposal]:
    """Return the proposals with repeated cipher/integrity pairs dropped."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for proposal in proposals:
        if (proposal.cipher, proposal.integrity) not in seen:
            seen.add((proposal.cipher, proposal.integrity))
            kept.append(proposal)
    return kept


def _combine(written: str, ciphers: list[str], integrities: list[str],
             default_integrity: list[str]) -> list[Proposal]:
    """Return every cipher/integrity pair of one proposal, checked like the daemons do."""
    if not ciphers:
        raise ValueError(f"no encryption algorithm in esp proposal '{written}'")
    aead = {CIPHERS[cipher].aead for cipher in ciphers}
    if len(aead) > 1:
        raise ValueError(f"esp proposal '{written}' mixes aead and classic ciphers")
    if aead == {True}:
        integrities = ["none"]
    elif not integrities:
        integrities = default_integrity
    return [Proposal(cipher, integrity, written)
            for cipher in ciphers for integrity in integrities]


# strongSwan: src/libstrongswan/crypto/proposal/proposal_keywords_static.txt.
# Keywords are case-sensitive; key sizes make no difference to a packet.


def _strongswan_ciphers() -> dict[str, str]:
    """Return strongSwan's encryption keywords mapped to CIPHERS keys."""
    words = {"null": "null", "des": "des-cbc", "3des": "3des-cbc", "cast128": "cast-cbc",
             "chacha20poly1305": "chacha20-poly1305",
             "chacha20poly1305compat": "chacha20-poly1305"}
    for bits in ("", "128", "192", "256"):
        for name in ("aes", "blowfish", "camellia", "serpent", "twofish"):
            words[name + bits] = f"{name}-cbc"
    for bits in ("128", "192", "256"):
        words[f"aes{bits}ctr"] = "aes-ctr"
        words[f"camellia{bits}ctr"] = "camellia-ctr"
        words[f"aes{bits}gmac"] = "aes-gmac"
        for mode in ("gcm", "ccm"):
            words[f"aes{bits}{mode}"] = f"aes-{mode}-16"
        for icv in (8, 12, 16):
            for suffix in (str(icv), str(icv * 8)):
                words[f"aes{bits}gcm{suffix}"] = f"aes-gcm-{icv}"
                words[f"aes{bits}ccm{suffix}"] = f"aes-ccm-{icv}"
                words[f"camellia{bits}ccm{suffix}"] = f"camellia-ccm-{icv}"
    return words


_SS_CIPHERS = _strongswan_ciphers()
_SS_INTEGRITY = {
    "sha": "sha1-96", "sha1": "sha1-96", "sha1_160": "sha1-160",
    "sha256": "sha2-256-128", "sha2_256": "sha2-256-128",
    "sha256_96": "sha2-256-96", "sha2_256_96": "sha2-256-96",
    "sha384": "sha2-384-192", "sha2_384": "sha2-384-192",
    "sha512": "sha2-512-256", "sha2_512": "sha2-512-256",
    "md5": "md5-96", "md5_128": "md5-128", "aesxcbc": "aes-xcbc-96",
    "aescmac": "aes-cmac-96", "camelliaxcbc": "camellia-xcbc-96",
}
_SS_SKIPPED = re.compile(
    r"(ke[1-7]_)?(none|modpnone|modpnull|modp(768|1024|1536|2048|3072|4096|6144|8192)"
    r"|modp1024s160|modp2048s224|modp2048s256|ecp(192|224|256|384|521)|ecp(224|256|384|512)bp"
    r"|curve25519|x25519|curve448|x448|gost256|gost512|mlkem(512|768|1024))"
    r"|esn|noesn|prf(sha1|sha256|sha384|sha512|md5|aesxcbc|camelliaxcbc|aescmac)")


def _strongswan_proposal(written: str) -> list[Proposal]:
    """Return the pairs of one strongSwan proposal (dash-separated keywords)."""
    ciphers: list[str] = []
    integrities: list[str] = []
    for word in written.split("-"):
        word = word.strip()
        if word in _SS_CIPHERS:
            ciphers.append(_SS_CIPHERS[word])
        elif word in _SS_INTEGRITY:
            integrities.append(_SS_INTEGRITY[word])
        elif not _SS_SKIPPED.fullmatch(word):
            raise ValueError(f"unknown algorithm '{word}' in esp proposal '{written}'")
    # strongSwan accepts ESP without integrity (proposal.c, check_proposal)
    return _combine(written, ciphers, integrities, ["none"])


def _swanctl_proposal(written: str) -> list[Proposal]:
    """Return the pairs of one swanctl proposal; 'default' is the daemon's own set."""
    if written == "default":
        return list(DEFAULT_PROPOSALS["strongswan"])
    return _strongswan_proposal(written)


# libreswan: the names in lib/libswan/ike_alg_*.c, matched without regard to case;
# the grammar in configs/d.ipsec.conf/sect/proposals.txt and lib/libswan/proposals.c.

_LS_CIPHERS = {
    "aes": "aes-cbc", "aes_cbc": "aes-cbc", "aesctr": "aes-ctr", "aes_ctr": "aes-ctr",
    "aes_gcm_8": "aes-gcm-8", "aes_gcm_a": "aes-gcm-8",
    "aes_gcm_12": "aes-gcm-12", "aes_gcm_b": "aes-gcm-12",
    "aes_gcm": "aes-gcm-16", "aes_gcm_16": "aes-gcm-16", "aes_gcm_c": "aes-gcm-16",
    "aes_ccm_8": "aes-ccm-8", "aes_ccm_a": "aes-ccm-8",
    "aes_ccm_12": "aes-ccm-12", "aes_ccm_b": "aes-ccm-12",
    "aes_ccm": "aes-ccm-16", "aes_ccm_16": "aes-ccm-16", "aes_ccm_c": "aes-ccm-16",
    "aes_gmac": "aes-gmac", "null_auth_aes_gmac": "aes-gmac",
    "3des": "3des-cbc", "3des_cbc": "3des-cbc",
    "camellia": "camellia-cbc", "camellia_cbc": "camellia-cbc", "camellia_ctr": "camellia-ctr",
    "chacha20_poly1305": "chacha20-poly1305", "chacha20poly1305": "chacha20-poly1305",
    "null": "null",
}
_LS_INTEGRITY = {
    "none": "none", "null": "none",
    "md5": "md5-96", "hmac_md5": "md5-96", "hmac_md5_96": "md5-96",
    "sha": "sha1-96", "sha1": "sha1-96", "sha1_96": "sha1-96",
    "hmac_sha1": "sha1-96", "hmac_sha1_96": "sha1-96",
    "sha2": "sha2-256-128", "sha256": "sha2-256-128", "sha2_256": "sha2-256-128",
    "sha2_256_128": "sha2-256-128", "hmac_sha2_256": "sha2-256-128",
    "hmac_sha2_256_128": "sha2-256-128", "hmac_sha2_256_truncbug": "sha2-256-96",
    "sha384": "sha2-384-192", "sha2_384": "sha2-384-192", "sha2_384_192": "sha2-384-192",
    "hmac_sha2_384": "sha2-384-192", "hmac_sha2_384_192": "sha2-384-192",
    "sha512": "sha2-512-256", "sha2_512": "sha2-512-256", "sha2_512_256": "sha2-512-256",
    "hmac_sha2_512": "sha2-512-256", "hmac_sha2_512_256": "sha2-512-256",
    "aes_xcbc": "aes-xcbc-96", "aes128_xcbc": "aes-xcbc-96", "aes_xcbc_96": "aes-xcbc-96",
    "aes128_xcbc_96": "aes-xcbc-96", "aes_cmac": "aes-cmac-96", "aes_cmac_96": "aes-cmac-96",
}
_LS_KEY_EXCHANGE = re.compile(
    r"modp\d+|dh\d+|ecp_?\d+|curve25519|x25519|ml_?kem_?\d+|none|null", re.IGNORECASE)
_LS_TYPES = {"encrypt": "encrypt", "integ": "integ", "ke": "ke", "dh": "ke",
             "prf": "skip", "sn": "skip", "esn": "skip",
             **{f"addke{n}": "skip" for n in range(1, 8)}}
# libreswan fills in these when a non-AEAD proposal names no integrity (esp_info.c):
# SHA1, SHA2-512 and SHA2-256 for IKEv1; IKEv2 uses the last two only.
_LS_DEFAULT_INTEGRITY = ["sha1-96", "sha2-512-256", "sha2-256-128"]


def _libreswan_cipher(word: str, written: str) -> str:
    """Return the CIPHERS key of a libreswan name, key length glued on or not."""
    name = word.lower()
    if name in _LS_CIPHERS:
        return _LS_CIPHERS[name]
    stem = name.rstrip("0123456789")
    if stem != name and stem.removesuffix("_") in _LS_CIPHERS:
        return _LS_CIPHERS[stem.removesuffix("_")]
    raise ValueError(f"unknown cipher '{word}' in esp proposal '{written}'")


def _libreswan_algorithm(kind: str, word: str, written: str) -> str | None:
    """Return the CIPHERS or INTEGRITY key of one name; None for names without bytes."""
    if not word:
        raise ValueError(f"empty algorithm in esp proposal '{written}'")
    if kind == "encrypt":
        return _libreswan_cipher(word, written)
    if kind == "integ" and word.lower() in _LS_INTEGRITY:
        return _LS_INTEGRITY[word.lower()]
    if kind == "ke" and _LS_KEY_EXCHANGE.fullmatch(word):
        return None
    if kind == "skip":
        return None
    what = "integrity algorithm" if kind == "integ" else "key exchange"
    raise ValueError(f"unknown {what} '{word}' in esp proposal '{written}'")


class _LibreswanReader:
    """A walk over one libreswan proposal split at '-', '+', ';' and '='."""

    def __init__(self, written: str) -> None:
        pieces = re.split(r"([-+;=])", written)
        self.written = written
        self.words = [piece.strip() for piece in pieces[0::2]]
        self.delims = pieces[1::2] + [""]   # delims[i] follows words[i]
        self.found: dict[str, list[str]] = {"encrypt": [], "integ": []}

    def read(self) -> dict[str, list[str]]:
        """Return the cipher and integrity keys of the proposal."""
        order = ["encrypt", "integ", "ke"]
        slot, index = 0, 0
        while index < len(self.words):
            kind, index = self._kind(index, order, slot)
            index = self._chain(kind, index)
            if kind in order:
                slot = order.index(kind) + 1
        return self.found

    def _kind(self, index: int, order: list[str], slot: int) -> tuple[str, int]:
        """Return which transform type the words at index are, and where they start."""
        word = self.words[index]
        if self.delims[index] == "=":
            if word.lower() not in _LS_TYPES:
                raise ValueError(f"unknown transform '{word}' in esp proposal '{self.written}'")
            return _LS_TYPES[word.lower()], index + 1
        if index and self.delims[index - 1] == ";":
            return "ke", index
        if slot < len(order):
            return order[slot], index
        raise ValueError(f"unexpected '{word}' in esp proposal '{self.written}'")

    def _chain(self, kind: str, index: int) -> int:
        """Read algorithms joined by '+'; return the index after the last one."""
        while True:
            if index >= len(self.words):
                raise ValueError(f"esp proposal '{self.written}' ends early")
            key = _libreswan_algorithm(kind, self.words[index], self.written)
            if key is not None:
                self.found[kind].append(key)
            if kind == "encrypt" and self._key_length_follows(index):
                index += 1   # 'aes-128': the number is the key length
            index += 1
            if self.delims[index - 1] != "+":
                return index

    def _key_length_follows(self, index: int) -> bool:
        """Return whether the word after a '-' is a key length."""
        following = self.words[index + 1] if index + 1 < len(self.words) else ""
        return self.delims[index] == "-" and following[:1].isdigit()


def _libreswan_proposal(written: str) -> list[Proposal]:
    """Return the pairs of one libreswan proposal."""
    found = _LibreswanReader(written).read()
    integrities = found["integ"]
    aead = any(CIPHERS[cipher].aead for cipher in found["encrypt"])
    # libreswan insists on 'none' beside AEAD and refuses it beside a classic cipher
    if aead and any(integrity != "none" for integrity in integrities):
        raise ValueError(f"aead cipher with an integrity algorithm in '{written}'")
    if not aead and "none" in integrities:
        raise ValueError(f"classic cipher without integrity in esp proposal '{written}'")
    return _combine(written, found["encrypt"], integrities, _LS_DEFAULT_INTEGRITY)


# ---------------------------------------------------------------- defaults


def _defaults(dialect: str, spellings: list[str]) -> list[Proposal]:
    """Return the proposals of a list of proposal strings (the daemon's spelling)."""
    return _unique([found for text in spellings for found in parse_proposals(text, dialect)])


_STRONGSWAN_DEFAULT = [
    # src/libstrongswan/crypto/proposal/proposal.c, proposal_create_default() and
    # proposal_create_default_aead() for PROTO_ESP: AES-CBC 128/192/256 with
    # SHA2-256/384/512, SHA1 and AES-XCBC, then AES-GCM-16 128/192/256.  ipsec.conf
    # appends these to any esp= that does not end in '!' (stroke_config.c,
    # add_proposals); swanctl uses them for 'default' and when esp_proposals is unset.
    "aes128-sha256", "aes128-sha384", "aes128-sha512", "aes128-sha1", "aes128-aesxcbc",
    "aes128gcm16",
]
_LIBRESWAN_IKEV1_DEFAULT = [
    # lib/libswan/esp_info.c, default_ikev1_esp_proposals: AES_CBC, AES_GCM_16_128,
    # AES_GCM_16_256, 3DES, each classic one with SHA1, SHA2_512 and SHA2_256.
    "aes-sha1", "aes-sha2_512", "aes-sha2_256", "aes_gcm_16_128", "aes_gcm_16_256",
    "3des-sha1", "3des-sha2_512", "3des-sha2_256",
]
_LIBRESWAN_IKEV2_DEFAULT = [
    # lib/libswan/esp_info.c, default_fips_off_ikev2_esp_proposals: AES_GCM_16_256,
    # AES_GCM_16_128, CHACHA20_POLY1305, AES_CBC_256, AES_CBC_128 with SHA2_512, SHA2_256.
    "aes_gcm_16_256", "aes_gcm_16_128", "chacha20_poly1305",
    "aes_cbc_256-sha2_512", "aes_cbc_256-sha2_256",
]

# What each IKE daemon negotiates when the configuration names no ESP proposal.
# 'libreswan' is the union of its IKEv1 and IKEv2 defaults, for a conn whose IKE
# version is not known; the worst case of every list is AES-CBC with SHA2-512.
DEFAULT_PROPOSALS: dict[str, list[Proposal]] = {
    "strongswan": _defaults("strongswan", _STRONGSWAN_DEFAULT),
    "swanctl": _defaults("strongswan", _STRONGSWAN_DEFAULT),
    "libreswan-ikev1": _defaults("libreswan", _LIBRESWAN_IKEV1_DEFAULT),
    "libreswan-ikev2": _defaults("libreswan", _LIBRESWAN_IKEV2_DEFAULT),
    "libreswan": _defaults("libreswan", _LIBRESWAN_IKEV1_DEFAULT + _LIBRESWAN_IKEV2_DEFAULT),
}
