/** The services' gauges read from their stores: cached values and how much each outbox still owes. */
package dev.formgate.observability;
