"""Keras 3 reference numbers for Tests/LossCoreTests/KerasOptimizerReferenceTests.swift.

Fits y = w*x + b on losslab's default data (50 points, x evenly spaced on [0, 1], y = 2x + 3 + U(-0.5, 0.5)
from SplitMix64 seeded with 42) from (w, b) = (0.5, 1.5). Each step takes the gradient of a Keras loss
(keras.losses.MeanSquaredError or Huber) by jax.grad and hands it to optimizer.apply_gradients, so the
optimizer code that runs is Keras's own. Schedules are Keras's schedule objects, called at each step.

Run:  KERAS_BACKEND=jax /work/kerasvenv/bin/python Tests/KerasScripts/optimizers_schedules.py
and paste the printed Swift literals into the test file.
"""
import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import keras
import keras.src.backend.common.dtypes as d

keras.config.set_floatx("float64")
d.BIT64_TO_BIT32_DTYPE["float64"] = "float64"  # else Keras 3.15 casts to float32 on some paths
from keras import optimizers as O
from keras.optimizers import schedules as S

M = 0xFFFFFFFFFFFFFFFF


def splitmix(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        yield (z ^ (z >> 31)) >> 11


def tutorial(points=50, seed=42, noise=0.5):
    rng = splitmix(seed)
    xs, ys = [], []
    for i in range(points):
        x = i / (points - 1)
        xs.append(x)
        ys.append(2 * x + 3 + noise * (2 * (next(rng) * 2.0**-53) - 1))
    return jnp.array(xs), jnp.array(ys)


X, Y = tutorial()
LOSSES = {"mse": keras.losses.MeanSquaredError(), "huber": keras.losses.Huber(delta=1.0)}


def run(loss, make, steps=6):
    fn = LOSSES[loss]
    grad = jax.grad(lambda p: fn(Y, p[0] * X + p[1]))
    w = keras.Variable(0.5, dtype="float64")
    b = keras.Variable(1.5, dtype="float64")
    opt = make()
    out = []
    for _ in range(steps):
        g = grad(jnp.array([float(w.numpy()), float(b.numpy())]))
        opt.apply_gradients([(g[0], w), (g[1], b)])
        out.append((float(w.numpy()), float(b.numpy())))
    return out


def swift_pairs(pairs):
    return "[" + ", ".join(f"({w!r}, {b!r})" for w, b in pairs) + "]"


# (loss, swift kind, lr, weight decay or None, swift schedule or None, keras optimizer factory)
RUNS = [
    ("mse", "adamw", 0.2, None, None, lambda: O.AdamW(learning_rate=0.2)),
    ("mse", "adamw", 0.1, 0.1, None, lambda: O.AdamW(learning_rate=0.1, weight_decay=0.1)),
    ("huber", "adamw", 0.3, 0.02, None, lambda: O.AdamW(learning_rate=0.3, weight_decay=0.02)),
    ("mse", "nadam", 0.2, None, None, lambda: O.Nadam(learning_rate=0.2)),
    ("huber", "nadam", 0.05, None, None, lambda: O.Nadam(learning_rate=0.05)),
    ("mse", "adamax", 0.3, None, None, lambda: O.Adamax(learning_rate=0.3)),
    ("huber", "adamax", 0.1, None, None, lambda: O.Adamax(learning_rate=0.1)),
    ("mse", "adadelta", 1.0, None, None, lambda: O.Adadelta(learning_rate=1.0)),
    ("huber", "adadelta", 50.0, None, None, lambda: O.Adadelta(learning_rate=50.0)),
    ("mse", "lion", 0.1, None, None, lambda: O.Lion(learning_rate=0.1)),
    ("huber", "lion", 0.03, None, None, lambda: O.Lion(learning_rate=0.03)),
    ("mse", "gd", 0.3, 0.05, None, lambda: O.SGD(learning_rate=0.3, weight_decay=0.05)),
    # Schedules driving optimizers: the rate of step t is schedule(t - 1).
    ("mse", "gd", 0.5, None, "exponential:decay_steps=2,decay_rate=0.5,staircase=true",
     lambda: O.SGD(learning_rate=S.ExponentialDecay(0.5, 2, 0.5, staircase=True))),
    ("mse", "adam", 0.3, None, "cosine:decay_steps=4,warmup_steps=2,warmup_target=0.5",
     lambda: O.Adam(learning_rate=S.CosineDecay(0.3, 4, warmup_target=0.5, warmup_steps=2))),
    ("huber", "adamw", 0.3, 0.1, "inverse-time:decay_steps=1,decay_rate=0.5",
     lambda: O.AdamW(learning_rate=S.InverseTimeDecay(0.3, 1, 0.5), weight_decay=0.1)),
]

print("let kerasOptimizerRuns: [KerasRun] = [")
for loss, kind, lr, wd, sched, make in RUNS:
    wds = "nil" if wd is None else repr(wd)
    sch = "nil" if sched is None else f'"{sched}"'
    print(f"  KerasRun(.{loss}, .{kind}, {lr!r}, weightDecay: {wds}, schedule: {sch},")
    print(f"    {swift_pairs(run(loss, make))}),")
print("]")

# Schedule values at steps 0..N, from Keras's schedule objects.
SCHEDULES = [
    ("exponential:decay_steps=3,decay_rate=0.6", 0.4, S.ExponentialDecay(0.4, 3, 0.6)),
    ("exponential:decay_steps=3,decay_rate=0.6,staircase=true", 0.4,
     S.ExponentialDecay(0.4, 3, 0.6, staircase=True)),
    ("piecewise:boundaries=3/7,values=0.3/0.1/0.03", 1.0, S.PiecewiseConstantDecay([3, 7], [0.3, 0.1, 0.03])),
    ("polynomial:decay_steps=8", 0.5, S.PolynomialDecay(0.5, 8)),
    ("polynomial:decay_steps=4,end_learning_rate=0.01,power=2,cycle=true", 0.5,
     S.PolynomialDecay(0.5, 4, end_learning_rate=0.01, power=2.0, cycle=True)),
    ("inverse-time:decay_steps=2,decay_rate=0.5", 0.6, S.InverseTimeDecay(0.6, 2, 0.5)),
    ("inverse-time:decay_steps=2,decay_rate=0.5,staircase=true", 0.6,
     S.InverseTimeDecay(0.6, 2, 0.5, staircase=True)),
    ("cosine:decay_steps=8", 0.5, S.CosineDecay(0.5, 8)),
    ("cosine:decay_steps=8,alpha=0.1,warmup_steps=3,warmup_target=0.9", 0.2,
     S.CosineDecay(0.2, 8, alpha=0.1, warmup_target=0.9, warmup_steps=3)),
    ("cosine-restarts:first_decay_steps=3", 0.5, S.CosineDecayRestarts(0.5, 3)),
    ("cosine-restarts:first_decay_steps=2,t_mul=1,m_mul=0.5,alpha=0.2", 0.5,
     S.CosineDecayRestarts(0.5, 2, t_mul=1.0, m_mul=0.5, alpha=0.2)),
    ("cosine-restarts:first_decay_steps=2.5,t_mul=1.5,m_mul=0.8", 0.5,
     S.CosineDecayRestarts(0.5, 2.5, t_mul=1.5, m_mul=0.8)),
]
print("let kerasScheduleValues: [KerasScheduleRun] = [")
for text, lr, sched in SCHEDULES:
    vals = [float(sched(jnp.array(s, dtype="int64"))) for s in range(16)]
    print(f'  KerasScheduleRun("{text}", {lr!r},')
    print("    [" + ", ".join(repr(v) for v in vals) + "]),")
print("]")
