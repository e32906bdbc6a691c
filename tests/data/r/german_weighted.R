# german_weighted.R - reference for tests/model-cli.sh: a weighted
# logistic regression on data/german_credit.csv by R's glm, written as
# german_weighted.R.json.  Run from the source tree:
#   Rscript tests/data/r/german_weighted.R > tests/data/r/german_weighted.R.json
# Model: bad ~ duration_in_month + credit_amount + housing (reference
# "own"), observation weights present_residence_since (1..4).
d <- read.csv("data/german_credit.csv", na.strings = c("", "NA"))
d$bad <- as.integer(d$creditability == "bad")
d$housing <- relevel(factor(d$housing), ref = "own")
m <- glm(bad ~ duration_in_month + credit_amount + housing,
	family = binomial, data = d, weights = present_residence_since,
	control = glm.control(epsilon = 1e-14, maxit = 100))
# Standard errors from the information at the final estimate, as
# riskdesk reports them (summary.glm uses the weights of the last pass).
X <- model.matrix(m)
p <- fitted(m)
W <- d$present_residence_since * p * (1 - p)
se <- sqrt(diag(solve(t(X) %*% (X * W))))
b <- coef(m)
terms <- sub("^housing", "housing=", names(b))
cat("{\n  \"tool\": \"", R.version.string, " glm\",\n", sep = "")
cat("  \"coefficients\": [\n")
for (j in seq_along(b)) {
	cat(sprintf("    {\n      \"term\": \"%s\",\n      \"estimate\": %.15g,\n      \"std_error\": %.15g\n    }%s\n",
		terms[j], b[j], se[j], if (j < length(b)) "," else ""))
}
cat("  ],\n")
cat(sprintf("  \"loglik\": %.15g,\n", as.numeric(logLik(m))))
cat(sprintf("  \"aic\": %.15g\n}\n", AIC(m)))
