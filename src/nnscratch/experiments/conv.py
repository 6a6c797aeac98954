"""A small convolution layer written from scratch: weight sharing made concrete (homework V).

One layer of k filters w_c (r x r) slides over the image: z_c[i, j] = sum_{p,q} w_c[p, q] x[i+p, j+q] + b_c,
the same r*r + 1 parameters at every position (a dense layer would need a weight per input pixel and
per output). Then a(l) = ReLU(z), a 2x2 max-pooling, and a softmax layer on the pooled maps
(cross-entropy, delta(L) = a(L) - y). Batches are rows; shapes in the comments.
"""

from __future__ import annotations

import numpy as np


def patches(X, r: int):
    """(m, H, W) images -> (m, P, r*r) every r x r window, P = (H-r+1)(W-r+1) positions."""
    from numpy.lib.stride_tricks import sliding_window_view

    m, H, W = X.shape
    return sliding_window_view(X, (r, r), axis=(1, 2)).reshape(m, (H - r + 1) * (W - r + 1), r * r)


def conv_forward(P, w, b):
    """z = patches @ w^T + b: P (m, positions, r*r), w (k, r*r), b (k,) -> (m, positions, k)."""
    return P @ w.T + b


def pool_forward(A, side: int):
    """2x2 max-pooling of (m, side*side, k) maps -> pooled (m, (side//2)^2, k) and the argmax mask."""
    m, _, k = A.shape
    blocks = A.reshape(m, side // 2, 2, side // 2, 2, k)
    pooled = blocks.max(axis=(2, 4))                                  # (m, side/2, side/2, k)
    mask = blocks == pooled[:, :, None, :, None, :]                   # where each maximum came from
    return pooled.reshape(m, -1, k), mask


def pool_backward(d_pooled, mask, side: int):
    """dE/dA from dE/dpooled: the error goes to the maximum of each 2x2 block (ties share it)."""
    m, _, k = d_pooled.shape
    d = d_pooled.reshape(m, side // 2, 1, side // 2, 1, k) * mask
    return d.reshape(m, side * side, k)


class ConvNet:
    """conv(k filters r x r) -> ReLU -> 2x2 max-pool -> softmax(10), on (m, 28, 28) images in [0, 1]."""

    def __init__(self, k: int = 8, r: int = 5, image: int = 28, classes: int = 10, *, rng: np.random.Generator):
        self.k, self.r, self.side = k, r, image - r + 1                 # 24 positions per side for 28, 5
        n_pooled = (self.side // 2) ** 2 * k
        self.w = rng.standard_normal((k, r * r)) * np.sqrt(2.0 / (r * r))     # He: ReLU after it
        self.b = np.zeros(k)
        self.theta = rng.standard_normal((classes, n_pooled)) * np.sqrt(1.0 / n_pooled)
        self.b_out = np.zeros(classes)

    @property
    def n_parameters(self) -> int:
        return self.w.size + self.b.size + self.theta.size + self.b_out.size

    def forward(self, X):
        P = patches(X, self.r)                                        # (m, 576, 25)
        Z = conv_forward(P, self.w, self.b)                           # (m, 576, k)
        A = np.maximum(Z, 0)
        pooled, mask = pool_forward(A, self.side)                     # (m, 144, k)
        flat = pooled.reshape(len(X), -1)                             # (m, 144 k)
        z_out = flat @ self.theta.T + self.b_out                      # (m, 10)
        e = np.exp(z_out - z_out.max(axis=1, keepdims=True))
        return (P, Z, mask, flat), e / e.sum(axis=1, keepdims=True)

    def gradients(self, X, Y):
        """Mean gradients of the cross-entropy over the batch: (dw, db, dtheta, db_out) and the loss."""
        (P, Z, mask, flat), a = self.forward(X)
        m = len(X)
        delta_out = (a - Y) / m                                       # delta(L) = a - y, batch mean
        d_theta, d_b_out = delta_out.T @ flat, delta_out.sum(axis=0)
        d_flat = delta_out @ self.theta                               # (m, 144 k)
        d_A = pool_backward(d_flat.reshape(m, -1, self.k), mask, self.side)
        d_Z = d_A * (Z > 0)                                           # ReLU'(z)
        d_w = np.einsum("mpk,mpq->kq", d_Z, P)                        # one filter: the sum over every position
        loss = -float(np.sum(Y * np.log(np.clip(a, 1e-300, None)))) / m
        return (d_w, d_Z.sum(axis=(0, 1)), d_theta, d_b_out), loss

    def params(self):
        return [self.w, self.b, self.theta, self.b_out]

    def predict(self, X):
        return self.forward(X)[1].argmax(axis=1)


def train(net: ConvNet, X, y, *, epochs: int, lr: float, batch_size: int, rng: np.random.Generator):
    """Plain mini-batch SGD; X (N, 28, 28) in [0, 1], y (N,) labels."""
    Y = np.eye(10)[y]
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            grads, _ = net.gradients(X[idx], Y[idx])
            for p, g in zip(net.params(), grads, strict=False):
                p -= lr * g
    return net
