"""The Numba kernels of ``nnscratch.compiled``, at module level so that Numba can cache them on disk.

Imported only through ``nnscratch.compiled.kernels()``, which first points Numba's cache at the
user cache folder. See ``nnscratch.compiled`` for what each kernel fuses and why.
"""

import math

import numba
import numpy as np

# Reassociation lets loops vectorise; no 'nnan'/'ninf': divergence is detected through NaN and inf.
jit = numba.njit(cache=True, nogil=True, fastmath={"reassoc", "contract", "arcp"})


@jit
def f_scalar(z, code, slope):
    if code == 1:
        if z >= 0:
            return 1 / (1 + math.exp(-z))
        e = math.exp(z)
        return e / (1 + e)
    if code == 2:
        return math.tanh(z)
    if code == 3:
        return z if z > 0 else z * 0
    if code == 4:
        return z if z > 0 else slope * z
    if code == 6:
        return 1.0 if z > 0 else 0.0
    return z

@jit
def fprime_scalar(z, a, code, slope):
    """f'(z), from a = f(z) where that is cheaper (sigmoid, tanh)."""
    if code == 1:
        return a * (1 - a)
    if code == 2:
        return 1 - a * a
    if code == 3:
        return 1.0 if z > 0 else 0.0
    if code == 4:
        return 1.0 if z > 0 else slope
    if code == 6:
        return 0.0
    return 1.0

@jit
def softmax_row(z, a):
    zmax = z[0]
    for k in range(1, z.shape[0]):
        if z[k] > zmax:
            zmax = z[k]
    total = 0.0
    for k in range(z.shape[0]):
        e = math.exp(z[k] - zmax)
        a[k] = e
        total += e
    for k in range(z.shape[0]):
        a[k] /= total

@jit
def bias_forward(z, b, a, code, slope):
    """z += b (row-wise); a = f(z). z, a (m, n); b (n,)."""
    m, n = z.shape
    for i in range(m):
        for j in range(n):
            z[i, j] += b[j]
        if code == 5:
            softmax_row(z[i], a[i])
        else:
            for j in range(n):
                a[i, j] = f_scalar(z[i, j], code, slope)

@jit
def backward_row(z, a, delta, code, slope):
    """One sample: delta <- delta * f'(z), or J^T delta = a (delta - sum(delta a)) for softmax. All (n,)."""
    n = z.shape[0]
    if code == 5:
        s = 0.0
        for j in range(n):
            s += delta[j] * a[j]
        for j in range(n):
            delta[j] = a[j] * (delta[j] - s)
    else:
        for j in range(n):
            delta[j] *= fprime_scalar(z[j], a[j], code, slope)


@jit
def backward(z, a, delta, code, slope):
    """delta <- dE/dz from dE/da: delta * f'(z), or J^T delta for softmax. All (m, n)."""
    for i in range(z.shape[0]):
        backward_row(z[i], a[i], delta[i], code, slope)


@jit
def output_delta(z, a, y, delta, loss, code, slope):
    """Sum over the batch of E, with delta(L) written into ``delta``; all (m, n_L).

    quadratic: E = 1/2 ||a - y||^2, delta = (a - y) f'(z) (softmax: J^T (a - y));
    cross-entropy: delta = a - y, E from the logits (log-sum-exp for softmax, softplus for sigmoid).
    """
    m, n = z.shape
    total = 0.0
    for i in range(m):
        if loss == 0:
            for j in range(n):
                r = a[i, j] - y[i, j]
                total += 0.5 * r * r
                delta[i, j] = r
            backward_row(z[i], a[i], delta[i], code, slope)  # delta(L) = (a - y) f'(z), J^T (a - y) for softmax
        elif code == 5:
            zmax = z[i, 0]
            for j in range(1, n):
                if z[i, j] > zmax:
                    zmax = z[i, j]
            se = 0.0
            ysum = 0.0
            yz = 0.0
            for j in range(n):
                se += math.exp(z[i, j] - zmax)
                ysum += y[i, j]
                yz += y[i, j] * z[i, j]
                delta[i, j] = a[i, j] - y[i, j]
            total += (zmax + math.log(se)) * ysum - yz
        else:
            for j in range(n):
                v = z[i, j]
                total += max(v, 0.0) + math.log1p(math.exp(-abs(v))) - y[i, j] * v
                delta[i, j] = a[i, j] - y[i, j]
    return total

@jit
def gather(x, idx, out, scale):
    """out[i] = x[idx[i]] * scale: a batch's rows, converted (uint8 -> float) and scaled in one pass."""
    for i in range(idx.shape[0]):
        row = x[idx[i]]
        for k in range(out.shape[1]):
            out[i, k] = row[k] * scale

@jit
def sgd(p, g, lr, wd):
    """p <- p - lr (g + wd p), over flat buffers."""
    for k in range(p.shape[0]):
        p[k] -= lr * (g[k] + wd * p[k])

@jit
def momentum(p, g, v, lr, mu, wd, nesterov):
    """v <- mu v + (g + wd p); p <- p - lr v (Nesterov: p - lr (g' + mu v)). PyTorch's convention."""
    for k in range(p.shape[0]):
        gk = g[k] + wd * p[k]
        vk = mu * v[k] + gk
        v[k] = vk
        if nesterov:
            p[k] -= lr * (gk + mu * vk)
        else:
            p[k] -= lr * vk

@jit
def adam(p, g, m1, m2, lr_t, b1, b2, denom_scale, eps, wd):
    """Adam as torch.optim.Adam: lr_t = lr / (1 - b1^t), denom = sqrt(v) / sqrt(1 - b2^t) + eps."""
    for k in range(p.shape[0]):
        gk = g[k] + wd * p[k]
        mk = b1 * m1[k] + (1 - b1) * gk
        vk = b2 * m2[k] + (1 - b2) * gk * gk
        m1[k] = mk
        m2[k] = vk
        p[k] -= lr_t * mk / (math.sqrt(vk) / denom_scale + eps)

@jit
def small_steps(x, scale, y, idx, first, last, batch, sizes, codes, slope, loss,
                theta, t_off, b, b_off, xb, z, a, delta, z_off, outputs, gtheta, gb,
                opt, lr_t, lr_b, wd_t, wd_b, mu, b1, b2, t0, eps, m_t, v_t, m_b, v_b,
                factors, first_loss, explode):
    """Mini-batch steps ``first``..``last``-1 of an epoch, each forward, backward and update, in one call.

    x (N, n_1) raw inputs (any dtype), multiplied by ``scale`` as each batch is gathered into xb
    (batch, n_1); y (N, n_L) targets; idx the epoch's order; sizes (L,) layer sizes; codes (L,)
    activation code per layer (codes[0] unused); theta, b flat parameter buffers with offsets
    t_off, b_off per layer; z, a, delta flat buffers of (batch, n_l) blocks at offsets z_off;
    outputs (N, n_L) receives each sample's a(L) as seen in its step; gtheta, gb flat gradient
    buffers. The update is that of the optimizer code ``opt`` (0 SGD, 1 momentum, 2 Nesterov,
    3 Adam with t counted from t0 + 1); factors[s - first] multiplies both rates in step s (the schedule).
    Every scalar is computed in the parameters' dtype.

    Returns (sum of E over the samples done, steps done, the loss that stopped it or 0, the first loss):
    a step whose loss is not finite, or above ``explode`` x ``first_loss`` (when first_loss > 0),
    is not applied and ends the call.
    """
    n_samples = idx.shape[0]
    L = sizes.shape[0]
    total = 0.0
    steps = 0
    one = b[:1] * 0 + 1  # a 1 of the parameters' dtype, so no scalar below widens to float64
    widest = 0
    for l in range(1, L):
        widest = max(widest, sizes[l])
    scaled = np.empty(batch * widest, b.dtype)  # delta(l) / m, the left factor of dE/dtheta(l)
    for s in range(first, last):
        start = s * batch
        m = min(batch, n_samples - start)
        inv_m = one[0] / m
        # ---- a(1): the batch's rows, converted and scaled once
        n1 = sizes[0]
        for i in range(m):
            row = idx[start + i]
            for k in range(n1):
                xb[i, k] = x[row, k] * scale
        # ---- forward: z(l) = a(l-1) theta(l)^T + b(l) (BLAS), a(l) = f(z(l)) (fused)
        for l in range(1, L):
            n, n_prev = sizes[l], sizes[l - 1]
            th = theta[t_off[l]:t_off[l] + n * n_prev].reshape(n, n_prev)
            zl = z[z_off[l]:z_off[l] + batch * n].reshape(batch, n)[:m]
            al = a[z_off[l]:z_off[l] + batch * n].reshape(batch, n)[:m]
            ap = xb[:m] if l == 1 else a[z_off[l - 1]:z_off[l - 1] + batch * n_prev].reshape(batch, n_prev)[:m]
            np.dot(ap, th.T, zl)
            bias_forward(zl, b[b_off[l]:b_off[l] + n], al, codes[l], slope)
        # ---- E and delta(L)
        nL = sizes[L - 1]
        o = z_off[L - 1]
        zL = z[o:o + batch * nL].reshape(batch, nL)[:m]
        aL = a[o:o + batch * nL].reshape(batch, nL)[:m]
        dL = delta[o:o + batch * nL].reshape(batch, nL)[:m]
        yb = np.empty_like(zL)
        for i in range(m):
            yb[i] = y[idx[start + i]]
        value = output_delta(zL, aL, yb, dL, loss, codes[L - 1], slope)
        for i in range(m):
            outputs[start + i] = aL[i]
        mean = value / m
        if not math.isfinite(mean) or (first_loss > 0 and mean > explode * first_loss):
            return total, steps, mean, first_loss
        if first_loss <= 0:
            first_loss = max(mean, 1e-3)
        # ---- delta(l-1) = (delta(l) theta(l)) * f'(z(l-1)), with theta before the update
        for l in range(L - 1, 1, -1):
            n, n_prev = sizes[l], sizes[l - 1]
            th = theta[t_off[l]:t_off[l] + n * n_prev].reshape(n, n_prev)
            dl = delta[z_off[l]:z_off[l] + batch * n].reshape(batch, n)[:m]
            dp = delta[z_off[l - 1]:z_off[l - 1] + batch * n_prev].reshape(batch, n_prev)[:m]
            np.dot(dl, th, dp)
            backward(z[z_off[l - 1]:z_off[l - 1] + batch * n_prev].reshape(batch, n_prev)[:m],
                     a[z_off[l - 1]:z_off[l - 1] + batch * n_prev].reshape(batch, n_prev)[:m], dp,
                     codes[l - 1], slope)
        # ---- gradients: dE/dtheta(l) = (delta(l) / m)^T a(l-1) (BLAS), dE/db(l) = mean of delta(l)
        for l in range(1, L):
            n, n_prev = sizes[l], sizes[l - 1]
            gt = gtheta[t_off[l]:t_off[l] + n * n_prev].reshape(n, n_prev)
            gbl = gb[b_off[l]:b_off[l] + n]
            dl = delta[z_off[l]:z_off[l] + batch * n].reshape(batch, n)[:m]
            dm = scaled[:m * n].reshape(m, n)
            gbl[:] = 0
            for i in range(m):
                for j in range(n):
                    v = dl[i, j] * inv_m
                    dm[i, j] = v
                    gbl[j] += v
            ap = xb[:m] if l == 1 else a[z_off[l - 1]:z_off[l - 1] + batch * n_prev].reshape(batch, n_prev)[:m]
            np.dot(dm.T, ap, gt)
        # ---- the update
        rate_t = lr_t * factors[s - first]
        rate_b = lr_b * factors[s - first]
        if opt == 0:
            sgd(theta, gtheta, rate_t, wd_t)
            sgd(b, gb, rate_b, wd_b)
        elif opt == 1 or opt == 2:
            momentum(theta, gtheta, m_t, rate_t, mu, wd_t, opt == 2)
            momentum(b, gb, m_b, rate_b, mu, wd_b, opt == 2)
        else:
            t = t0 + steps + 1
            c1 = 1 - b1 ** t
            c2 = math.sqrt(1 - b2 ** t)
            adam(theta, gtheta, m_t, v_t, rate_t / c1, b1, b2, c2, eps, wd_t)
            adam(b, gb, m_b, v_b, rate_b / c1, b1, b2, c2, eps, wd_b)
        total += value
        steps += 1
    return total, steps, 0.0, first_loss
