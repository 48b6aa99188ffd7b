/** Leases in a service's own MongoDB: a job that must run on one instance at a time, taken over when its holder dies. */
package dev.formgate.lease;
