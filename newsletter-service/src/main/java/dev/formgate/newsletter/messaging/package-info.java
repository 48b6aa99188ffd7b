/** Publishing events to Kafka as CloudEvents, keyed by subjectRef. */
package dev.formgate.newsletter.messaging;
