package dev.formgate.infra.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/** The performance targets (BENCHMARKS.md), each read from the figures of the run: met, missed or not measured. */
final class Targets {

	private static final List<String> SERVICES = List.of("newsletter-service", "contact-service", "erasure-service",
			"gateway");

	private Targets() {
	}

	static void judge(Report report) {
		single(report, "gateway route overhead: bare SCG route ÷ Formgate's cheapest routed call", "route.overhead",
				"%.2f×", "≤ 2×", v -> v <= 2);
		for (String store : List.of("memory", "file")) {
			double served = report.value("intake." + store + ".served");
			double bound = report.value("ceiling." + store + ".sign-up-store-bound");
			double goal = Math.min(1_000, 0.5 * bound);
			report.target("sign-ups served in full (every answer 202, p99 ≤ 1 s), " + store,
					Double.isFinite(served) ? String.format(Locale.ROOT, "%.0f/s (%.2f of the store-bound ceiling "
							+ "%.0f/s)", served, served / bound, bound) : "–",
					"≥ 1,000/s or ≥ 50 % of the store-bound ceiling, the lower" + (Double.isFinite(goal)
							? String.format(Locale.ROOT, " (here %.0f/s)", goal) : ""),
					Double.isFinite(served) && Double.isFinite(goal) ? served >= goal : null);
			single(report, "sign-up p99 at half that rate, " + store, "intake." + store + ".half.p99", "%.1f ms",
					"≤ 50 ms", v -> v <= 50);
		}
		single(report, "confirmation mail in the SMTP server, p99, at 200 sign-ups/s", "confirmation.p99", "%.0f ms",
				"≤ 1,000 ms", v -> v <= 1_000);
		double relay = report.value("relay.drain.mails-per-second");
		double smtp = report.value("ceiling.smtp-one-connection");
		report.target("relay mails/s ÷ SMTP one-connection ceiling", Double.isFinite(relay / smtp)
				? String.format(Locale.ROOT, "%.2f (%.0f ÷ %.0f mails/s)", relay / smtp, relay, smtp) : "–", "≥ 0.5",
				Double.isFinite(relay / smtp) ? relay / smtp >= 0.5 : null);
		double campaign = report.value("campaign.mails-per-second");
		double smtpSame = report.value("ceiling.smtp-" + CampaignSending.CONNECTIONS + "-connections");
		double campaignGoal = Math.min(1_000, 0.5 * smtpSame);
		report.target("campaign send rate into the SMTP server", Double.isFinite(campaign) ? String.format(Locale.ROOT,
				"%.0f mails/s (%.2f of the SMTP ceiling over as many connections, %.0f mails/s)", campaign,
				campaign / smtpSame, smtpSame) : "–", "≥ 1,000/s or ≥ 50 % of that ceiling, the lower"
						+ (Double.isFinite(campaignGoal) ? String.format(Locale.ROOT, " (here %.0f/s)", campaignGoal) : ""),
				Double.isFinite(campaign) && Double.isFinite(campaignGoal) ? campaign >= campaignGoal : null);
		double missing = report.value("campaign.recipients-missing");
		double twice = report.value("campaign.recipients-twice");
		report.target("every recipient of the campaign gets it, none twice", Double.isFinite(missing)
				? String.format(Locale.ROOT, "%.0f missing, %.0f twice", missing, twice) : "–", "0 and 0",
				Double.isFinite(missing) && Double.isFinite(twice) ? missing == 0 && twice == 0 : null);
		double ratio = report.value("erasure.ratio");
		double large = report.value("erasure.large.p99");
		report.target("erasure p99, large ÷ small store (and p99 at the large one)", Double.isFinite(ratio)
				? String.format(Locale.ROOT, "%.2f (p99 %.0f ms)", ratio, large) : "–", "≤ 1.5, and p99 ≤ 1 s at 1M",
				Double.isFinite(ratio) && Double.isFinite(large) ? ratio <= 1.5 && large <= 1_000 : null);
		single(report, "documents read in whole-collection scans per minute, idle at the large store",
				"store.memory.idle-scan-reads", "%,.0f", "0", v -> v == 0);
		for (String store : List.of("memory", "file")) {
			double idle = max(report, "rss." + store + ".idle.");
			double load = max(report, "rss." + store + ".load.");
			report.target("RSS idle / under load, each service (highest), " + store, Double.isFinite(idle)
					? String.format(Locale.ROOT, "%.0f / %.0f MiB", idle, load) : "–", "≤ 256 / ≤ 384 MiB",
					Double.isFinite(idle) && Double.isFinite(load) ? idle <= 256 && load <= 384 : null);
		}
		single(report, "start to all healthy (as bin/run), in memory", "start.memory", "%.1f s", "≤ 30 s", v -> v <= 30);
	}

	private static void single(Report report, String figure, String id, String format, String target,
			DoublePredicate met) {
		double value = report.value(id);
		report.target(figure, Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "–", target,
				Double.isFinite(value) ? met.test(value) : null);
	}

	private static double max(Report report, String prefix) {
		double max = Double.NaN;
		for (String service : SERVICES) {
			double value = report.value(prefix + service);
			if (Double.isFinite(value)) {
				max = Double.isFinite(max) ? Math.max(max, value) : value;
			}
		}
		return max;
	}
}
