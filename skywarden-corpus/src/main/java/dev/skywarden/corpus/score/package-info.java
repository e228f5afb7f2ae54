/**
 * Scores the findings of a hunt against the ground truth of a generated corpus: which inserted
 * scenarios got a finding, and how many findings fall outside every scenario per 1,000 identities
 * per day. The {@code skywarden score} command and the whole-run benchmark use it.
 */
package dev.skywarden.corpus.score;
