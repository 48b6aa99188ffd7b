package dev.formgate.gateway.console;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The console's beans exist only where {@code formgate.console.client-id} is set (not blank). */
class ConsoleEnabled extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String clientId = context.getEnvironment().getProperty("formgate.console.client-id", "");
		return clientId.isBlank() ? ConditionOutcome.noMatch("formgate.console.client-id is not set")
				: ConditionOutcome.match("formgate.console.client-id is set");
	}
}
