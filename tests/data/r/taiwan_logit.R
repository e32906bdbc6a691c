# taiwan_logit.R - references for the fits on the Taiwan credit card
# default data (UCI "default of credit card clients", Yeh and Lien 2009,
# CC BY 4.0): default.payment.next.month ~ all 23 characteristics, as
# numbers, by R's glm.  A finite maximum with one row fitted at a
# probability numerically 0 (R warns "glm.fit: fitted probabilities
# numerically 0 or 1 occurred"), which riskdesk must fit, not refuse.
# Run from the source tree, with R 4.2.2:
#   Rscript tests/data/r/taiwan_logit.R FILE.csv > OUT.json
# for the whole file (taiwan_credit_default.csv, 30,000 rows, SHA-256
# 61537758...6cf6d) -> tests/data/oracle/taiwan_logit.R.json, and for
# tests/data/realworld/logit-taiwan-1001.csv (its first 1,000 rows and
# the row of ID 28717, byte for byte) -> tests/data/oracle/
# logit_taiwan1001.R.json.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
v <- c("LIMIT_BAL", "SEX", "EDUCATION", "MARRIAGE", "AGE", "PAY_0",
	"PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6", "BILL_AMT1", "BILL_AMT2",
	"BILL_AMT3", "BILL_AMT4", "BILL_AMT5", "BILL_AMT6", "PAY_AMT1",
	"PAY_AMT2", "PAY_AMT3", "PAY_AMT4", "PAY_AMT5", "PAY_AMT6")
f <- as.formula(paste("default.payment.next.month ~",
	paste(v, collapse = " + ")))
warned <- character(0)
fit <- function(ctl) withCallingHandlers(glm(f, binomial, d, control = ctl),
	warning = function(w) {
		warned <<- union(warned, conditionMessage(w))
		invokeRestart("muffleWarning")
	})
m0 <- fit(glm.control())		# R's defaults, epsilon 1e-8
m <- fit(glm.control(epsilon = 1e-14, maxit = 100))
X <- model.matrix(m)
p <- fitted(m)
# Standard errors from the information at the final estimate.
se <- sqrt(diag(solve(t(X) %*% (X * (p * (1 - p))))))
b <- coef(m)
eta <- m$linear.predictors
# R's "numerically 0 or 1": mu < 10 eps or > 1 - 10 eps, which with its
# clamped inverse link is |eta| > 30.
far <- which(abs(eta) > 30)
# The column that puts each such row furthest from the mean row.
mx <- colMeans(X)
farcol <- sapply(far, function(i) {
	c <- abs(b[-1] * (X[i, -1] - mx[-1]))
	names(c)[which.max(c)]
})
cat("{\n")
cat("  \"tool\": \"", R.version.string, " glm, epsilon 1e-14\",\n", sep = "")
cat(sprintf("  \"file\": \"%s\",\n", basename(args[1])))
cat(sprintf("  \"n_used\": %d,\n  \"n_bad\": %d,\n", nrow(X),
	sum(d$default.payment.next.month == 1)))
cat(sprintf("  \"iterations\": %d,\n  \"converged\": %s,\n", m$iter,
	tolower(m$converged)))
cat(sprintf("  \"iterations_default\": %d,\n", m0$iter))
cat(sprintf("  \"warnings\": [%s],\n",
	paste0("\"", warned, "\"", collapse = ", ")))
cat("  \"coefficients\": [\n")
for (j in seq_along(b)) {
	cat(sprintf(paste0("    {\n      \"term\": \"%s\",\n",
		"      \"estimate\": %.15g,\n      \"std_error\": %.15g,\n",
		"      \"estimate_default\": %.15g\n    }%s\n"),
		names(b)[j], b[j], se[j], coef(m0)[j],
		if (j < length(b)) "," else ""))
}
cat("  ],\n")
cat(sprintf("  \"loglik\": %.15g,\n", as.numeric(logLik(m))))
cat(sprintf("  \"aic\": %.15g,\n", AIC(m)))
cat(sprintf("  \"far_rows\": [%s],\n", paste(d$ID[far], collapse = ", ")))
cat(sprintf("  \"far_row_numbers\": [%s],\n", paste(far, collapse = ", ")))
cat(sprintf("  \"far_p_bad\": [%s],\n",
	paste(sprintf("%.6g", 1 / (1 + exp(-eta[far]))), collapse = ", ")))
cat(sprintf("  \"far_columns\": [%s]\n}\n",
	paste0("\"", farcol, "\"", collapse = ", ")))
