/** What every module shares: problem details, cursors, database dialect facts and JSON. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.unitrace.shared;
