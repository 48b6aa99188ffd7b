/** The servlet services' store health: a ping that MongoDB and the embedded server both answer. */
package dev.formgate.store;
