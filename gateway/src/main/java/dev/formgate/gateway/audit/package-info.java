/** The append-only audit trail of staff actions: every admin call that changes something, and access exports. */
package dev.formgate.gateway.audit;
