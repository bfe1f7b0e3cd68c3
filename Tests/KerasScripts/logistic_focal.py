"""Keras 3 reference numbers for the logistic fit with binary focal cross-entropy on the logit (issue 16).

Run:  KERAS_BACKEND=jax /work/kerasvenv/bin/python Tests/KerasScripts/logistic_focal.py
Prints Swift literals that Tests/LossCoreTests/LogisticFocalKerasTests.swift holds.

The loss is keras.losses.binary_focal_crossentropy(y, z, gamma=G, from_logits=True) on the logits
z = w*x + b of losslab's default classification data (SplitMix64 seeded with 42, 60 points: point i has
class i % 2 and one draw u in [0, 1): x = -3 + 4u for class 0, -1 + 4u for class 1), averaged over the
points. Keras applies the sigmoid, clips p to [1e-7, 1 - 1e-7] for the cross-entropy and multiplies by
(1 - p_t)^gamma. Gradients are jax.grad of that mean with respect to (w, b); optimizer steps come from
keras.optimizers.*.apply_gradients, all in float64.
"""
import jax

jax.config.update("jax_enable_x64", True)
import keras  # noqa: E402

keras.config.set_floatx("float64")
import keras.src.backend.common.dtypes as d  # noqa: E402

d.BIT64_TO_BIT32_DTYPE["float64"] = "float64"
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def default_data(points=60, seed=42):
    rng = splitmix64(seed)
    xs, ys = [], []
    for i in range(points):
        u = (next(rng) >> 11) * 2.0**-53
        label = i % 2
        xs.append(-3 + 4 * u if label == 0 else -1 + 4 * u)
        ys.append(float(label))
    return np.array(xs), np.array(ys)


X, Y = default_data()
XJ = jnp.asarray(X).reshape(-1, 1)
YJ = jnp.asarray(Y).reshape(-1, 1)


def loss_fn(gamma, alpha=None):
    """The mean focal loss over the data; alpha given: with apply_class_balancing=True and that alpha."""
    balancing = {} if alpha is None else {"apply_class_balancing": True, "alpha": alpha}

    def f(params):
        z = params[0] * XJ + params[1]
        per = keras.losses.binary_focal_crossentropy(
            YJ, z, gamma=gamma, from_logits=True, **balancing
        )
        return jnp.mean(per)

    return f


def run(gamma, optimizer, lr, start, steps, alpha=None):
    f = loss_fn(gamma, alpha)
    grad = jax.grad(f)
    if optimizer == "gd":
        opt = keras.optimizers.SGD(learning_rate=lr)
    elif optimizer == "momentum":
        opt = keras.optimizers.SGD(learning_rate=lr, momentum=0.9)
    elif optimizer == "adam":
        opt = keras.optimizers.Adam(learning_rate=lr)
    w = keras.Variable(np.array(start[0]), dtype="float64")
    b = keras.Variable(np.array(start[1]), dtype="float64")
    out = []
    for _ in range(steps):
        g = grad(jnp.array([w.value, b.value]))
        opt.apply_gradients([(g[0], w), (g[1], b)])
        p = jnp.array([w.value, b.value])
        out.append((float(w.value), float(b.value), float(f(p))))
    return out


def swift(v):
    return repr(float(v))


if __name__ == "__main__":
    print("// Values and gradients at (w, b): (gamma, w, b, loss, dL/dw, dL/db)")
    for gamma in [2.0, 0.5, 0.0]:
        f = loss_fn(gamma)
        g = jax.grad(f)
        for w, b in [(-5.0, 3.0), (1.5, 0.25), (0.0, 0.0), (4.0, -2.0), (8.0, -1.0)]:
            p = jnp.array([w, b])
            gw, gb = g(p)
            print(f"  ({gamma}, {w}, {b}, {swift(f(p))}, {swift(gw)}, {swift(gb)}),")

    print("// Trajectories: (gamma, optimizer, lr, start, [(w, b, loss) after each step])")
    for gamma, optimizer, lr in [(2.0, "gd", 1.0), (2.0, "momentum", 0.2), (2.0, "adam", 0.1), (0.5, "gd", 1.0), (0.5, "adam", 0.1)]:
        for start in [(-5.0, 3.0), (0.5, -1.0)]:
            steps = run(gamma, optimizer, lr, start, 8)
            body = ", ".join(f"({swift(w)}, {swift(b)}, {swift(v)})" for w, b, v in steps)
            print(f"  LogisticFocalKerasRun({gamma}, .{optimizer}, {lr}, ({start[0]}, {start[1]}), [{body}]),")
