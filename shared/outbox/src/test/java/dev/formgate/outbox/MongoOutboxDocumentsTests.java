package dev.formgate.outbox;

import dev.formgate.outbox.Letters.Letter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Saving many documents with one store command, over the real driver and an in-memory store. */
class MongoOutboxDocumentsTests {

	final Letters letters = new Letters();

	@AfterEach
	void close() {
		letters.close();
	}

	Letter written(String subject) {
		return letters.insert(Letter.written(subject, subject + "@example.org", true, Instant.now()));
	}

	@Test
	void savesManyWithOneCommandRaisingEachVersionAsSaveDoes() {
		List<Letter> inHand = List.of(written("a"), written("b"), written("c"));
		inHand.forEach(l -> l.outbox.mailSent(l.outbox.mails().getFirst().mailId()));
		long before = letters.writeCommands();

		assertThat(letters.saveAll(inHand)).isEmpty();

		assertThat(letters.writeCommands() - before).isEqualTo(1);
		for (Letter letter : inHand) {
			Letter stored = letters.findById(letter.id);
			assertThat(stored.version).isEqualTo(1L).isEqualTo(letter.version);
			assertThat(stored.outbox.mails()).isEmpty();
			assertThat(stored.outbox.owesEvents()).as("only what was changed in hand").isTrue();
		}
		inHand.getFirst().amend(Instant.now());
		letters.save(inHand.getFirst());
		assertThat(letters.findById(inHand.getFirst().id).amendments).as("the copy in hand stays current").isEqualTo(1);
	}

	@Test
	void returnsAllWhenSomeoneWroteOneMeanwhileAndLosesNoneOfThatWrite() {
		List<Letter> inHand = List.of(written("a"), written("b"), written("c"));
		letters.changeMeanwhile(inHand.get(1).id, l -> l.amend(Instant.now()));
		inHand.forEach(l -> l.outbox.mailSent(l.outbox.mails().getFirst().mailId()));

		assertThat(letters.saveAll(inHand)).as("the answer counts, it does not name the conflict")
			.containsExactlyElementsOf(inHand);

		Letter writtenMeanwhile = letters.findById(inHand.get(1).id);
		assertThat(writtenMeanwhile.amendments).isEqualTo(1);
		assertThat(writtenMeanwhile.outbox.mails()).as("not overwritten by the stale copy").hasSize(1);
		assertThat(letters.findById(inHand.get(0).id).outbox.mails()).isEmpty();
	}

	@Test
	void deletesThoseGoneOnceNothingIsOwed() {
		List<Letter> inHand = List.of(written("a"), written("b"));
		Letter tornUp = inHand.get(0);
		letters.changeMeanwhile(tornUp.id, l -> l.tornUp = true);
		Letter fresh = letters.findById(tornUp.id);
		fresh.outbox.dropAll();
		Letter kept = inHand.get(1);
		kept.outbox.mailSent(kept.outbox.mails().getFirst().mailId());

		assertThat(letters.saveAll(List.of(fresh, kept))).isEmpty();

		assertThat(letters.findById(tornUp.id)).isNull();
		assertThat(letters.findById(kept.id).outbox.mails()).isEmpty();
	}
}
