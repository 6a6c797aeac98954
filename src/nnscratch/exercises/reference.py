"""Reference solutions of the exercises, in the lecture's notation, one sample at a time.

Vectors are 1-D arrays (z(l), a(l), b(l), delta(l) have shape (n_l,)), matrices 2-D
(theta(l) has shape (n_l, n_{l-1})); lists of layer parameters are indexed from 0 for
the lecture's layers 2..L, so ``thetas[0]`` is theta(2). These functions are written
for reading, not speed: each line is a formula of the lecture, and the grader
compares a student's function with them. They are also the experiments' own
backprop (per-layer gradient norms), independent of the engine's fast path.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z):
    """f(z) = 1 / (1 + e^-z), without overflow for large |z|. Same shape as z."""
    z = np.asarray(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def urn_mle(draws, white) -> float:
    """p maximising L(p) = C(n,k) p^k (1-p)^(n-k): dL/dp = 0 gives p = k/n."""
    return white / draws


def sigmoid_prime(z):
    """f'(z) = f(z) (1 - f(z)) for the sigmoid f. Same shape as z."""
    s = sigmoid(z)
    return s * (1 - s)


def logistic_gradient(w, b, X, y):
    """Gradient of J(w) = -sum_i [y_i ln p_i + (1 - y_i) ln(1 - p_i)], p_i = sigmoid(w^T x_i + b).

    w (d,), b scalar, X (N, d) one sample per row, y (N,) in {0, 1}
    -> grad_w (d,) = sum_i (p_i - y_i) x_i, grad_b = sum_i (p_i - y_i)  (a sum: no 1/N).
    """
    p = sigmoid(X @ w + b)          # (N,)
    return X.T @ (p - y), np.sum(p - y)


def perceptron_update(w, b, x, y, eta):
    """One update on a misclassified point: w <- w + eta y x, b <- b + eta y."""
    return w + eta * y * x, b + eta * y


def layer_forward(theta, b, a_prev, f):
    """z(l) = theta(l) a(l-1) + b(l), a(l) = f(z(l)). theta (n_l, n_{l-1}), b (n_l,), a_prev (n_{l-1},)."""
    z = theta @ a_prev + b          # (n_l,)
    return z, f(z)


def delta_output_quadratic(y, a, fprime_z):
    """delta(L) = -(y - a(L)) * f'(z(L)) for E = 1/2 ||y - a(L)||^2. All (n_L,)."""
    return -(y - a) * fprime_z


def delta_output_cross_entropy(y, a):
    """delta(L) = a(L) - y for a softmax output with E = -sum_k y_k ln a_k. All (n_L,)."""
    return a - y


def delta_hidden(theta_next, delta_next, fprime_z):
    """delta(l) = (theta(l+1)^T delta(l+1)) * f'(z(l)). theta_next (n_{l+1}, n_l) -> (n_l,)."""
    return (theta_next.T @ delta_next) * fprime_z


def weight_gradient(delta, a_prev):
    """dE/dtheta(l) = delta(l) a(l-1)^T, the outer product, (n_l, n_{l-1}) like theta(l)."""
    return np.outer(delta, a_prev)


def forward(thetas, bs, x, f):
    """zs, activations of one sample: activations[0] = x = a(1), zs[k] = z(k+2), activations[k+1] = a(k+2)."""
    activations, zs = [x], []
    for theta, b in zip(thetas, bs, strict=False):
        z, a = layer_forward(theta, b, activations[-1], f)
        zs.append(z)
        activations.append(a)
    return zs, activations


def quadratic_cost(thetas, bs, x, y, f) -> float:
    """E = 1/2 ||y - a(L)||^2 of one sample."""
    a_L = forward(thetas, bs, x, f)[1][-1]
    return 0.5 * float(np.sum((y - a_L) ** 2))


def backprop_network(thetas, bs, x, y, f, fprime):
    """The lecture's four lines for one sample and the quadratic cost -> (grad_thetas, grad_bs).

    delta(L) = -(y - a(L)) * f'(z(L));  delta(l) = (theta(l+1)^T delta(l+1)) * f'(z(l));
    grad theta(l) = delta(l) a(l-1)^T;  grad b(l) = delta(l).
    """
    zs, activations = forward(thetas, bs, x, f)
    deltas = [delta_output_quadratic(y, activations[-1], fprime(zs[-1]))]
    for k in range(len(thetas) - 2, -1, -1):            # layers L-1 .. 2
        deltas.insert(0, delta_hidden(thetas[k + 1], deltas[0], fprime(zs[k])))
    grad_thetas = [weight_gradient(d, a) for d, a in zip(deltas, activations[:-1], strict=False)]
    return grad_thetas, [d.copy() for d in deltas]


def numerical_gradient(thetas, bs, x, y, f, eps: float = 1e-6):
    """Central differences of E = 1/2 ||y - a(L)||^2 for every theta and b entry (float64)."""
    thetas = [np.array(t, dtype=np.float64) for t in thetas]
    bs = [np.array(v, dtype=np.float64) for v in bs]
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    grads = ([np.zeros_like(t) for t in thetas], [np.zeros_like(v) for v in bs])
    for params, out in zip((thetas, bs), grads, strict=False):
        for p, g in zip(params, out, strict=False):
            for idx in np.ndindex(p.shape):
                saved = p[idx]
                p[idx] = saved + eps
                plus = quadratic_cost(thetas, bs, x, y, f)
                p[idx] = saved - eps
                minus = quadratic_cost(thetas, bs, x, y, f)
                p[idx] = saved
                g[idx] = (plus - minus) / (2 * eps)
    return grads


def sgd_minibatch_step(thetas, bs, X, Y, f, fprime, lr):
    """theta(l) <- theta(l) - (mu/N) sum_i dE(i)/dtheta(l), the same for b(l); X (N, n_1), Y (N, n_L).

    Returns new lists; the inputs are left unchanged.
    """
    N = len(X)
    sum_t = [np.zeros_like(t, dtype=np.float64) for t in thetas]
    sum_b = [np.zeros_like(v, dtype=np.float64) for v in bs]
    for x, y in zip(X, Y, strict=False):
        g_t, g_b = backprop_network(thetas, bs, x, y, f, fprime)
        sum_t = [s + g for s, g in zip(sum_t, g_t, strict=False)]
        sum_b = [s + g for s, g in zip(sum_b, g_b, strict=False)]
    return ([t - lr / N * s for t, s in zip(thetas, sum_t, strict=False)],
            [v - lr / N * s for v, s in zip(bs, sum_b, strict=False)])


def count_parameters(sizes) -> int:
    """sum over l = 2..L of n_l n_{l-1} (theta(l)) + n_l (b(l)); [784, 30, 10] -> 23,860."""
    return int(sum(n * m + n for m, n in zip(sizes, sizes[1:], strict=False)))
