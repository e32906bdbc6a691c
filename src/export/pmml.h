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

/* Reason codes the document's Output gives (rank 1 to PMML_REASONS), as
   many as riskdesk decide gives by default. */
#define PMML_REASONS 4

/*
 * Write card (and p's decision rules when p is not NULL; p's reason codes
 * name the characteristics' codes either way when given, else each
 * characteristic is its own code) to f as a PMML 4.4 document, UTF-8,
 * deterministic: the same card and policy give the same bytes (no
 * timestamp; the version is riskdesk's).  Numbers are written with the
 * fewest significant digits (at most 17) that read back as the same
 * double, so a consumer reads every cut point and constant as the double
 * riskdesk holds.
 *
 * A PMML consumer then gives every applicant riskdesk's score and PD.
 * Its reason codes rank the characteristics by the points lost below the
 * baseline as card_reasons does, with two differences of the PMML rules
 * (pointsBelow): a characteristic at its best attribute loses 0 points
 * and may be listed after those that lost some (riskdesk lists only
 * losses), and characteristics sharing one code add their losses up
 * (riskdesk decide gives the code once, at the largest loss).
 *
 * A policy's fraud rules are not written (PMML cannot count earlier
 * events of a history); for a policy with a fraud section a comment
 * after the root element says the file holds the credit policy alone.
 *
 * Every text (names, levels, conditions) is checked first, and nothing is
 * written when one cannot be: returns -1 with err RD_EINPUT when a text
 * holds a character XML 1.0 cannot hold (a control character other than
 * tab, line feed and carriage return, U+FFFE, U+FFFF) or bytes that are
 * not UTF-8.  Returns 0, or -1 with err RD_EIO when writing fails (f is
 * flushed and its error indicator read before returning).
 */
int export_pmml(FILE *f, const struct scorecard *card,
	const struct policy *p, struct rd_err *err);

#endif
