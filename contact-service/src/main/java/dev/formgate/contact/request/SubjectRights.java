package dev.formgate.contact.request;

import dev.formgate.events.SubjectRef;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.privacy.Restrictions;
import dev.formgate.privacy.SubjectData;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The data-subject rights on this store, by subjectRef: what it holds, erasure (legal holds excepted), export,
 * restriction and rectification. Each operation is idempotent, as a request may be carried out again after a crash.
 */
@Service
public class SubjectRights implements SubjectData {

	private final ContactRequests requests;
	private final Restrictions restrictions;
	private final OutboxRelay<ContactRequest> relay;
	private final Clock clock;

	SubjectRights(ContactRequests requests, Restrictions restrictions, OutboxRelay<ContactRequest> relay, Clock clock) {
		this.requests = requests;
		this.restrictions = restrictions;
		this.relay = relay;
		this.clock = clock;
	}

	/** What erasure would delete, and what a legal hold keeps. */
	public record Erasable(long requests, long heldRequests, long restrictions) {
	}

	public Erasable erasable(SubjectRef subject) {
		Map<Boolean, Long> held = requests.ofSubject(subject.value()).stream()
			.collect(Collectors.partitioningBy(r -> r.legalHold() != null, Collectors.counting()));
		long restricted = restrictions.since(subject).isPresent() && held.get(true) == 0 ? 1 : 0;
		return new Erasable(held.get(false), held.get(true), restricted);
	}

	/**
	 * Art. 17: the subject's requests lose all personal data now and are deleted once their purge event is out;
	 * requests under legal hold stay (Art. 17(3)), and so does the restriction while any do.
	 */
	public void erase(SubjectRef subject) {
		Instant now = clock.instant();
		forEach(subject, r -> {
			if (r.legalHold() != null) {
				return false;
			}
			r.purge(now);
			return true;
		});
		if (requests.ofSubject(subject.value()).isEmpty()) {
			restrictions.lift(subject);
		}
	}

	@Override
	public SubjectExport export(SubjectRef subject) {
		return new SubjectExport(
				requests.ofSubject(subject.value()).stream().map(SubjectExport.RequestData::of).toList(),
				restrictions.since(subject).orElse(null));
	}

	@Override
	public boolean holdsAnything(SubjectRef subject) {
		SubjectExport export = export(subject);
		return !export.requests().isEmpty() || export.restrictedSince() != null;
	}

	/** Art. 18: no mail about the subject's requests (acknowledgements, staff notifications) and no state changes. */
	@Override
	public void restrict(SubjectRef subject) {
		restrictions.restrict(subject, clock.instant());
	}

	/** The end of a restriction: held mails are due now, and go out once each. */
	@Override
	public void liftRestriction(SubjectRef subject) {
		restrictions.lift(subject);
		Instant now = clock.instant();
		forEach(subject, r -> r.releaseMails(now));
	}

	/** Art. 16: the subject's requests carry the corrected address and its reference from now on. */
	@Override
	public void rectify(SubjectRef from, SubjectRef to, String newEmail) {
		Instant now = clock.instant();
		forEach(from, r -> {
			r.rectify(to, newEmail, now);
			return true;
		});
		restrictions.move(from, to);
	}

	/** Applies the change to each of the subject's requests still holding data; wakes the relay where it changed. */
	private void forEach(SubjectRef subject, Predicate<ContactRequest> change) {
		for (ContactRequest found : requests.ofSubject(subject.value())) {
			boolean changed = requests.update(found.id(), r -> r != null && !r.isPurged()
					&& r.subjectRef().equals(subject) && change.test(r));
			if (changed) {
				relay.wakeUp(found.id());
			}
		}
	}
}
