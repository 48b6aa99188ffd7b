/** Publishing privacy requests to Kafka as CloudEvents, keyed by subjectRef. */
package dev.formgate.erasure.messaging;
