package io.unitrace;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.unitrace.shared.Database;
import io.unitrace.shared.MultiRowInsert;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Component;

/** The architecture is a test: module boundaries, and rules that know nothing of Spring. */
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

  /**
   * Every domain and rule class — values, rules, plans, judgements, reports, the records a module
   * publishes — is plain Java. Spring belongs to the beans that wire them (components,
   * configuration and the classes nested in them) and to the two pieces of database plumbing every
   * module shares.
   */
  @Test
  void everyClassThatIsNotASpringBeanImportsNoSpring() {
    noClasses()
        .that(are(not(SPRING_BEAN_OR_INSIDE_ONE)))
        .and()
        .resideOutsideOfPackage("io.unitrace.gs1..")
        .and()
        .doNotHaveFullyQualifiedName(Database.class.getName())
        .and()
        .doNotHaveFullyQualifiedName(MultiRowInsert.class.getName())
        .and()
        .doNotHaveSimpleName("package-info")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(CLASSES);
  }

  private static final DescribedPredicate<JavaClass> SPRING_BEAN_OR_INSIDE_ONE =
      new DescribedPredicate<>("Spring beans and the classes nested in them") {
        @Override
        public boolean test(JavaClass c) {
          for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (k.isMetaAnnotatedWith(Component.class)
                || k.isMetaAnnotatedWith(Configuration.class)) {
              return true;
            }
          }
          return false;
        }
      };

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
