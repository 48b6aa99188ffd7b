/** Publishing contact events to Kafka as CloudEvents, keyed by subjectRef. */
package dev.formgate.contact.messaging;
