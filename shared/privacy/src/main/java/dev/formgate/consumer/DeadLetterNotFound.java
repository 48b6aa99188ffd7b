package dev.formgate.consumer;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/** No dead letter at this topic, partition and offset (or the topic is not one of this service's). */
class DeadLetterNotFound extends ErrorResponseException {

	DeadLetterNotFound() {
		super(HttpStatus.NOT_FOUND, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No dead letter of this service at that topic, partition and offset.");
		problem.setType(URI.create("https://formgate.dev/problems/dead-letter-not-found"));
		problem.setTitle("Dead letter not found");
		return problem;
	}
}
