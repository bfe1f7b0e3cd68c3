"""Keras 3 reference numbers for the logistic fit with class-balanced binary focal cross-entropy (issue 16).

Run:  KERAS_BACKEND=jax /work/kerasvenv/bin/python Tests/KerasScripts/logistic_focal_alpha.py
Prints Swift literals that Tests/LossCoreTests/LogisticFocalKerasTests.swift holds (kerasBalancedFocal...).

As logistic_focal.py (same data, same float64 setup), but with
keras.losses.binary_focal_crossentropy(y, z, apply_class_balancing=True, alpha=A, gamma=G, from_logits=True):
each point's loss is weighted by alpha (label 1) or 1 - alpha (label 0).
"""
from logistic_focal import jax, jnp, loss_fn, run, swift

print("// (gamma, alpha, w, b, loss, dL/dw, dL/db)")
for gamma, alpha in [(2.0, 0.25), (2.0, 0.75), (0.5, 0.4)]:
    f = loss_fn(gamma, alpha)
    g = jax.grad(f)
    for w, b in [(-5.0, 3.0), (1.5, 0.25), (0.0, 0.0), (8.0, -1.0)]:
        p = jnp.array([w, b])
        gw, gb = g(p)
        print(f"  ({gamma}, {alpha}, {w}, {b}, {swift(f(p))}, {swift(gw)}, {swift(gb)}),")

print("// Trajectories: (gamma, alpha, optimizer, lr, start, [(w, b, loss) after each step])")
for gamma, alpha, optimizer, lr, start in [
    (2.0, 0.25, "gd", 1.0, (-5.0, 3.0)),
    (2.0, 0.75, "adam", 0.1, (0.5, -1.0)),
]:
    steps = run(gamma, optimizer, lr, start, 8, alpha)
    body = ", ".join(f"({swift(w)}, {swift(b)}, {swift(v)})" for w, b, v in steps)
    print(f"  ({gamma}, {alpha}, .{optimizer}, {lr}, ({start[0]}, {start[1]}), [{body}]),")
