#!/usr/bin/python3
"""Computes reference values for the evaluation metrics with SciPy and NumPy, independently of Doppel.

Run with Debian's python3-scipy:  /usr/bin/python3 make_scipy_fixtures.py > scipy_fixtures.json
The tests read only the JSON; this script records how it was made.
"""
import json
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import cKDTree
from scipy.stats.contingency import association

warnings.simplefilter("ignore")  # anderson_ksamp warns when its p-value is floored or capped
rng = np.random.default_rng(20241125)


def numeric_case(name, real, syn):
    real = np.asarray(real, dtype=float)
    syn = np.asarray(syn, dtype=float)
    ad = stats.anderson_ksamp([real, syn])  # midrank=True, the default
    return {
        "name": name,
        "real": real.tolist(),
        "synthetic": syn.tolist(),
        "ks": float(stats.ks_2samp(real, syn).statistic),
        "anderson_darling_statistic": float(ad.statistic),
        "anderson_darling_p_value": float(ad.pvalue),
        "wasserstein_scaled": float(stats.wasserstein_distance(real, syn) / np.std(real, ddof=1)),
        "mean": float(np.mean(real)),
        "std": float(np.std(real, ddof=1)),
        "q1": float(np.percentile(real, 25)),
        "median": float(np.percentile(real, 50)),
        "q3": float(np.percentile(real, 75)),
    }


def discrete_case(name, real, syn):
    labels = sorted(set(real) | set(syn))
    counts = np.array([[real.count(l) for l in labels], [syn.count(l) for l in labels]])
    counts = counts[:, counts.sum(axis=0) > 0]
    chi2, p, dof, _ = stats.chi2_contingency(counts, correction=False)
    freq = counts / counts.sum(axis=1, keepdims=True)
    return {
        "name": name,
        "real": real,
        "synthetic": syn,
        "tvd": float(0.5 * np.abs(freq[0] - freq[1]).sum()),
        "chi_square_statistic": float(chi2),
        "chi_square_dof": int(dof),
        "chi_square_p_value": float(p),
    }


def labels_from(probabilities, n, names):
    return [names[i] for i in rng.choice(len(names), size=n, p=probabilities)]


numeric = [
    numeric_case("normal_shift_ties", np.round(rng.normal(0, 1, 300), 1), np.round(rng.normal(0.2, 1.1, 250), 1)),
    numeric_case("poisson_many_ties", rng.poisson(3, 200), rng.poisson(3.3, 180)),
    numeric_case("small_shift_interpolated_p", rng.normal(0, 1, 200), rng.normal(0.12, 1, 200)),
    numeric_case("same_distribution", rng.normal(5, 2, 150), rng.normal(5, 2, 170)),
    numeric_case("far_apart", rng.exponential(1, 120), rng.exponential(3, 90)),
    numeric_case("moderate_shift", rng.normal(0, 1, 250), rng.normal(0.2, 1, 230)),
]

discrete = [
    discrete_case("extra_category", labels_from([0.5, 0.3, 0.2], 400, ["a", "b", "c"]),
                  labels_from([0.4, 0.35, 0.2, 0.05], 300, ["a", "b", "c", "d"])),
    discrete_case("two_levels", labels_from([0.7, 0.3], 500, ["no", "yes"]), labels_from([0.65, 0.35], 450, ["no", "yes"])),
]

# Pairs: x, y numeric, c, d categorical, in a real table of 400 rows and a synthetic table of 350.
def pair_table(n, rho, shift):
    x = rng.normal(0, 1, n)
    y = rho * x + np.sqrt(1 - rho ** 2) * rng.normal(0, 1, n)
    c = np.where(x + rng.normal(0, 1, n) > shift, "hi", np.where(x > -1, "mid", "lo"))
    d = np.where((c == "hi") ^ (rng.random(n) < 0.3), "p", "q")
    return {"x": np.round(x, 3).tolist(), "y": np.round(y, 3).tolist(), "c": c.tolist(), "d": d.tolist()}


def cramers_v(a, b):
    la, lb = sorted(set(a)), sorted(set(b))
    table = np.array([[sum(1 for u, v in zip(a, b) if u == i and v == j) for j in lb] for i in la])
    return float(association(table, method="cramer", correction=False))


def correlation_ratio(values, groups):
    values = np.asarray(values)
    groups = np.asarray(groups)
    mean = values.mean()
    between = sum(values[groups == g].size * (values[groups == g].mean() - mean) ** 2 for g in set(groups.tolist()))
    return float(np.sqrt(between / ((values - mean) ** 2).sum()))


def contingency_similarity(a_real, b_real, a_syn, b_syn):
    keys = sorted(set(zip(a_real, b_real)) | set(zip(a_syn, b_syn)))
    p = np.array([sum(1 for k in zip(a_real, b_real) if k == key) for key in keys]) / len(a_real)
    q = np.array([sum(1 for k in zip(a_syn, b_syn) if k == key) for key in keys]) / len(a_syn)
    return float(1 - 0.5 * np.abs(p - q).sum())


def qcut_codes(reference, values, bins=10):
    # Right-closed bins between the distinct interior deciles of the reference (as pandas.qcut labels them).
    edges = np.unique(np.percentile(reference, np.arange(1, bins) * 100 / bins))
    return np.searchsorted(edges, values, side="left").tolist()


real_pairs = pair_table(400, 0.6, 0.5)
syn_pairs = pair_table(350, 0.3, 0.2)
pairs = {
    "real": real_pairs,
    "synthetic": syn_pairs,
    "pearson_real": float(stats.pearsonr(real_pairs["x"], real_pairs["y"])[0]),
    "pearson_synthetic": float(stats.pearsonr(syn_pairs["x"], syn_pairs["y"])[0]),
    "spearman_real": float(stats.spearmanr(real_pairs["x"], real_pairs["y"])[0]),
    "spearman_synthetic": float(stats.spearmanr(syn_pairs["x"], syn_pairs["y"])[0]),
    "cramers_v_real": cramers_v(real_pairs["c"], real_pairs["d"]),
    "cramers_v_synthetic": cramers_v(syn_pairs["c"], syn_pairs["d"]),
    "correlation_ratio_real": correlation_ratio(real_pairs["x"], real_pairs["c"]),
    "correlation_ratio_synthetic": correlation_ratio(syn_pairs["x"], syn_pairs["c"]),
    "contingency_similarity_cd": contingency_similarity(real_pairs["c"], real_pairs["d"], syn_pairs["c"], syn_pairs["d"]),
    "contingency_similarity_xc": contingency_similarity(
        qcut_codes(real_pairs["x"], real_pairs["x"]), real_pairs["c"],
        qcut_codes(real_pairs["x"], syn_pairs["x"]), syn_pairs["c"]),
}


# Privacy: numeric columns standardised by the training rows (mean, sample std), the categorical one-hot
# with one more slot for missing (none here); Euclidean distances to the two nearest training rows.
def privacy_table(n, loc):
    return {"u": np.round(rng.normal(loc, 1, n), 2).tolist(),
            "v": np.round(rng.exponential(2, n), 2).tolist(),
            "k": labels_from([0.5, 0.3, 0.2], n, ["r", "s", "t"])}


train = privacy_table(300, 0)
syn = privacy_table(200, 0.3)
holdout = privacy_table(100, 0)
syn["u"][:5] = train["u"][:5]
syn["v"][:5] = train["v"][:5]
syn["k"][:5] = train["k"][:5]  # five exact copies
categories = ["r", "s", "t"]
mean = {c: np.mean(train[c]) for c in ("u", "v")}
sd = {c: np.std(train[c], ddof=1) for c in ("u", "v")}


def encode(table):
    numeric_part = np.column_stack([(np.asarray(table[c]) - mean[c]) / sd[c] for c in ("u", "v")])
    onehot = np.array([[1.0 if k == cat else 0.0 for cat in categories] + [0.0] for k in table["k"]])
    return np.hstack([numeric_part, onehot])


tree = cKDTree(encode(train))
syn_d, _ = tree.query(encode(syn), k=2)
hold_d, _ = tree.query(encode(holdout), k=2)


def nndr(d):
    return np.where(d[:, 1] > 0, d[:, 0] / np.where(d[:, 1] > 0, d[:, 1], 1), 0.0)


privacy = {
    "train": train,
    "synthetic": syn,
    "holdout": holdout,
    "dcr_synthetic_median": float(np.percentile(syn_d[:, 0], 50)),
    "dcr_synthetic_p5": float(np.percentile(syn_d[:, 0], 5)),
    "dcr_holdout_median": float(np.percentile(hold_d[:, 0], 50)),
    "dcr_holdout_p5": float(np.percentile(hold_d[:, 0], 5)),
    "dcr_ratio": float(np.percentile(syn_d[:, 0], 50) / np.percentile(hold_d[:, 0], 50)),
    "nndr_synthetic_median": float(np.median(nndr(syn_d))),
    "nndr_holdout_median": float(np.median(nndr(hold_d))),
    "exact_copies": int(sum(1 for row in zip(syn["u"], syn["v"], syn["k"]) if row in set(zip(train["u"], train["v"], train["k"])))),
}

# ROC AUC through the Mann-Whitney U statistic.
truth = rng.random(300) < 0.4
scores = np.round(truth * 0.3 + rng.random(300), 2)
u = stats.mannwhitneyu(scores[truth], scores[~truth]).statistic
auc = {"truth": truth.tolist(), "scores": scores.tolist(), "auc": float(u / (truth.sum() * (~truth).sum()))}

print(json.dumps({
    "generator": f"make_scipy_fixtures.py, SciPy {scipy.__version__}, NumPy {np.__version__}",
    "numeric": numeric,
    "discrete": discrete,
    "pairs": pairs,
    "privacy": privacy,
    "roc_auc": auc,
}, indent=1))
