"""Reference values for losslab's binary focal cross-entropy and Keras 3 cosine similarity.

Prints Swift `KerasCase(...)` lines (value of the batch loss) and `KerasGradientCase(...)` lines
(d loss / d y_pred from jax.grad), all in float64, for Tests/LossCoreTests/KerasFocalCosineTests.swift.

Run:  KERAS_BACKEND=jax /work/kerasvenv/bin/python Tests/KerasScripts/focal_cosine.py
"""
import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import keras
import keras.src.backend.common.dtypes as d

keras.config.set_floatx("float64")
d.BIT64_TO_BIT32_DTYPE["float64"] = "float64"  # else Keras 3.15 casts to float32 on some paths


def text(rows):
    return ";".join(",".join(repr(float(v)) for v in row) for row in rows)


def case(loss, kwargs, y, p, extra):
    fn = getattr(keras.losses, loss["cls"])(**kwargs)
    value = float(fn(jnp.array(y, dtype="float64"), jnp.array(p, dtype="float64")))
    grad = jax.grad(lambda q: fn(jnp.array(y, dtype="float64"), q))(jnp.array(p, dtype="float64"))
    args = f'"{loss["name"]}", "{text(y)}", "{text(p)}"'
    print(f"  KerasCase({args}, {value!r}{extra}),")
    print(f"  // gradient: {text(grad)}")
    return grad


FOCAL = {"cls": "BinaryFocalCrossentropy", "name": "binary-focal-crossentropy"}
COSINE = {"cls": "CosineSimilarity", "name": "cosine-similarity"}

focal = [
    ({}, [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], ""),
    ({}, [[1, 0, 1]], [[0.9, 0.2, 0.05]], ""),
    ({"gamma": 0.5}, [[1, 0, 1]], [[0.9, 0.2, 0.05]], ", gamma: 0.5"),
    ({"gamma": 0.0}, [[1, 0]], [[0.3, 0.6]], ", gamma: 0"),
    ({"apply_class_balancing": True}, [[0, 1], [1, 1]], [[0.6, 0.4], [0.8, 0.1]],
     ", applyClassBalancing: true"),
    ({"apply_class_balancing": True, "alpha": 0.6, "gamma": 3.0}, [[0, 1, 1]], [[0.2, 0.7, 0.5]],
     ", gamma: 3, alpha: 0.6, applyClassBalancing: true"),
    ({"from_logits": True}, [[1, 0, 1], [0, 1, 0]], [[2.5, -3.0, 0.1], [1.5, -0.5, -4.0]],
     ", fromLogits: true"),
    ({"from_logits": True, "gamma": 1.5, "apply_class_balancing": True, "alpha": 0.4},
     [[1, 0]], [[-2.0, 3.0]], ", gamma: 1.5, alpha: 0.4, applyClassBalancing: true, fromLogits: true"),
    ({}, [[1, 0]], [[1e-9, 0.99999999]], ""),  # clipped like BCE
    ({}, [[0.25, 1]], [[0.5, 0.012]], ""),  # soft labels
]
cosine = [
    ({}, [[1, 0]], [[1e-8, 0]], ""),  # issue 13: Keras 3 gives -0.1
    ({}, [[3, -4]], [[-1e-8, 2]], ""),
    ({}, [[1, 0, 1], [0, 1, 1]], [[0.5, 0.5, 0.5], [1, -1, 0]], ""),
    ({}, [[0, 0]], [[1, 2]], ""),
    ({}, [[1, 2]], [[0, 0]], ""),
    ({}, [[1, 2, 3]], [[3e-8, -1e-8, 2e-8]], ""),
]
print("// binary focal cross-entropy")
for kw, y, p, extra in focal:
    case(FOCAL, kw, y, p, extra)
print("// cosine similarity")
for kw, y, p, extra in cosine:
    case(COSINE, kw, y, p, extra)
