package io.unitrace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The architecture is a test: module boundaries, and a domain that knows nothing of Spring. */
class ArchitectureTest {

  static final ApplicationModules MODULES = ApplicationModules.of(Unitrace.class);

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.unitrace");

  @Test
  void modulesOnlyUseEachOthersPublishedApi() {
    MODULES.verify();
  }

  @Test
  void domainLogicImportsNoSpring() {
    // ArchUnit fails a rule that matches no classes, so renaming the package cannot switch this
    // off.
    noClasses()
        .that()
        .resideInAPackage("io.unitrace..domain..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(CLASSES);
  }

  @Test
  void theGs1LibraryDependsOnNothingOfTheServer() {
    noClasses()
        .that()
        .resideInAPackage("io.unitrace.gs1..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("io.unitrace.gs1..", "java..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.unitrace.gs1"));
  }
}
