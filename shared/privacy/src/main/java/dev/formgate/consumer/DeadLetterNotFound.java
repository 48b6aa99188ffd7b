package dev.formgate.consumer;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** No dead letter at this topic, partition and offset (or the topic is not one of this service's). */
class DeadLetterNotFound extends ProblemException {

	DeadLetterNotFound() {
		super(ProblemType.DEAD_LETTER_NOT_FOUND);
	}
}
