/*
 * pmml.h - a scorecard as a PMML 4.4 Scorecard model, for decision
 * engines that read PMML (JPMML, FICO Blaze, SAS, KNIME).
 *
 * The document (namespace http://www.dmg.org/PMML-4_4) holds a
 * DataDictionary of the scorecard's characteristics (continuous doubles
 * or categorical strings with their levels), a MiningSchema whose
 * missing-value and invalid-value treatment follow riskdesk's scoring
 * (card.h card_score: a NULL goes to the missing bin, or scores 0 points
 * when the characteristic has none; a text level no bin lists takes the
 * unseen-level fallback bin), an Output of the score, the PD and the
 * adverse reason codes, and a Scorecard with initialScore = the base
 * points, useReasonCodes="true", reasonCodeAlgorithm="pointsBelow" and
 * per characteristic its baselineScore (card_best_points) and one
 * Attribute per bin in riskdesk's bin order, each with its partialScore
 * (the rounded points) and reasonCode (policy_reason_code), ending with a
 * <True/> attribute that gives an unseen value the points riskdesk gives
 * it.  With a policy, its knock-outs, segments, cutoffs, refer bands and
 * score bands are written as an Extension beside the model (PMML has no
 * element for a decision strategy).
 */
#ifndef RD_EXPORT_PMML_H
#define RD_EXPORT_PMML_H

#include <stdio.h>

#include "model/card.h"
#include "policy/policy.h"

struct rd_err;

/*
 * Write card (and p's decision rules when p is not NULL; p's reason codes
 * name the characteristics' codes either way when given) to f as a PMML
 * 4.4 document, UTF-8, deterministic: the same card and policy give the
 * same bytes (no timestamp; the version is riskdesk's).  Returns 0, or -1
 * with err RD_EIO when writing fails.
 */
int export_pmml(FILE *f, const struct scorecard *card,
	const struct policy *p, struct rd_err *err);

#endif
