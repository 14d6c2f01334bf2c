/**
 * Tenants (a 3PL's clients), users and roles, API tokens, and the tenant scope of every request.
 */
package io.unitrace.tenancy;
