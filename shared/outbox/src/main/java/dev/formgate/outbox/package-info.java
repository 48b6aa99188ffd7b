/**
 * What every in-document outbox relay needs besides its documents: the scheduler that decides which document to look
 * at when, batched mail delivery and CloudEvents publishing, each behind a circuit breaker.
 */
package dev.formgate.outbox;
