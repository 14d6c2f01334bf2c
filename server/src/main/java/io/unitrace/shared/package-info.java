/** What every module shares: problem details, cursors, database dialect facts and JSON. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.unitrace.shared;

import org.springframework.modulith.ApplicationModule;
