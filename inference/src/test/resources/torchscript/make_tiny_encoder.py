"""Writes tiny-encoder.pt, the TorchScript fixture of TorchScriptEncoderTest.

A BERT-style encoder of our own (2 layers, hidden size 8, 2 heads, the bert-base vocabulary size)
with random weights (seed 7), its parameters named as in a Hugging Face checkpoint under a
"bert." prefix (as a BertModel inside a task model), traced with torch.jit.trace. forward(input_ids, attention_mask, token_type_ids) gives the token states.
Run with Debian's python3-torch: /usr/bin/python3 make_tiny_encoder.py
"""
import math

import torch
from torch import nn
from torch.nn import functional as F

VOCAB, HIDDEN, HEADS, LAYERS, INTERMEDIATE, POSITIONS, TYPES = 30522, 8, 2, 2, 16, 512, 2


class Embeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCAB, HIDDEN)
        self.position_embeddings = nn.Embedding(POSITIONS, HIDDEN)
        self.token_type_embeddings = nn.Embedding(TYPES, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, ids, types):
        positions = torch.arange(ids.shape[1]).unsqueeze(0).expand_as(ids)
        x = self.word_embeddings(ids) + self.position_embeddings(positions) + self.token_type_embeddings(types)
        return self.LayerNorm(x)


class SelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)

    def forward(self, x, mask):
        b, l, _ = x.shape
        size = HIDDEN // HEADS

        def split(t):
            return t.view(b, l, HEADS, size).transpose(1, 2)

        scores = split(self.query(x)) @ split(self.key(x)).transpose(2, 3) / math.sqrt(size) + mask
        return (scores.softmax(-1) @ split(self.value(x))).transpose(1, 2).reshape(b, l, HIDDEN)


class DenseNorm(nn.Module):
    def __init__(self, inputs):
        super().__init__()
        self.dense = nn.Linear(inputs, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, residual):
        return self.LayerNorm(self.dense(x) + residual)


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.self = SelfAttention()
        self.output = DenseNorm(HIDDEN)

    def forward(self, x, mask):
        return self.output(self.self(x, mask), x)


class Intermediate(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(HIDDEN, INTERMEDIATE)

    def forward(self, x):
        return F.gelu(self.dense(x))


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = Attention()
        self.intermediate = Intermediate()
        self.output = DenseNorm(INTERMEDIATE)

    def forward(self, x, mask):
        attended = self.attention(x, mask)
        return self.output(self.intermediate(attended), attended)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.ModuleList([Layer() for _ in range(LAYERS)])


class TinyEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = Embeddings()
        self.encoder = Encoder()

    def forward(self, input_ids, attention_mask, token_type_ids):
        mask = (1.0 - attention_mask.float()).view(input_ids.shape[0], 1, 1, -1) * -1e9
        x = self.embeddings(input_ids, token_type_ids)
        for layer in self.encoder.layer:
            x = layer(x, mask)
        return x


class Wrapped(nn.Module):
    def __init__(self):
        super().__init__()
        self.bert = TinyEncoder()

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids, attention_mask, token_type_ids)


torch.manual_seed(7)
model = Wrapped().eval()
with torch.no_grad():
    for p in model.parameters():
        p.normal_(0.0, 0.5)  # larger than a real init, so a wrongly placed weight shows in the outputs
example = (torch.tensor([[101, 2000, 102, 0]]), torch.tensor([[1, 1, 1, 0]]), torch.tensor([[0, 0, 0, 0]]))
torch.jit.trace(model, example).save("tiny-encoder.pt")
