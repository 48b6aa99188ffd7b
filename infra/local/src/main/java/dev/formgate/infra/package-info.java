/** The embedded local stack: a real Kafka broker (KRaft), a MongoDB-wire server, SMTP with an inbox, the services. */
package dev.formgate.infra;
