package dev.formgate.erasure.ledger;

import dev.formgate.web.ProblemType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's deadline (Art. 12(3)): one calendar month after receipt where the controller sits, extended by at most
 * {@value #MAX_EXTENSION_MONTHS} months in total, each extension with its reason. Part of the request's document.
 */
class Deadline {

	/** Art. 12(3) counts calendar months where the controller sits. */
	static final ZoneId CALENDAR = ZoneId.of("Europe/Berlin");
	static final int MAX_EXTENSION_MONTHS = 2;

	private Instant dueAt;

	private List<Extension> extensions = new ArrayList<>();

	protected Deadline() {
	}

	static Deadline after(Instant receivedAt) {
		Deadline deadline = new Deadline();
		deadline.dueAt = dueAt(receivedAt, 0);
		return deadline;
	}

	/** One calendar month after receipt, plus the extensions; the 31st falls back to the month's last day. */
	static Instant dueAt(Instant receivedAt, int extensionMonths) {
		return receivedAt.atZone(CALENDAR).plusMonths(1L + extensionMonths).toInstant();
	}

	void extend(Instant receivedAt, int months, String reason, Instant now) {
		int total = extensionMonths() + months;
		if (total > MAX_EXTENSION_MONTHS) {
			throw new LedgerConflict(ProblemType.EXTENSION_LIMIT, "The deadline may be extended by "
					+ MAX_EXTENSION_MONTHS + " months in total; " + extensionMonths() + " already used.");
		}
		extensions.add(new Extension(months, reason, now));
		dueAt = dueAt(receivedAt, total);
	}

	int extensionMonths() {
		return extensions.stream().mapToInt(Extension::months).sum();
	}

	boolean isPassed(Instant now) {
		return !now.isBefore(dueAt);
	}

	Instant dueAt() {
		return dueAt;
	}

	List<Extension> extensions() {
		return List.copyOf(extensions);
	}
}
