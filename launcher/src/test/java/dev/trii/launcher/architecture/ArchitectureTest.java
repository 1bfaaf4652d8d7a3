package dev.trii.launcher.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The architecture the README states, checked on the compiled classes of every module (this module depends on all of
 * them): dependencies flow one way — core ◄ ingestion, core ◄ training ◄ batch-jobs ◄ scheduler, core ◄ scoring,
 * and nothing depends on the launcher; no cycles between modules or between the feature packages of one; HTTP
 * controllers are package-private; an {@code internal} package is its module's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

  private JavaClasses platform;

  @BeforeAll
  void importPlatform() {
    // the modules' main classes: not their tests, nor the test fixtures of their -tests.jar on this classpath
    ImportOption mainClassesOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
    platform = new ClassFileImporter().withImportOption(mainClassesOnly).importPackages("dev.trii");
  }

  @Test
  void modulesDependOnEachOtherOnlyAsTheReadmeSays() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("core").definedBy("dev.trii.core..")
        .layer("ingestion").definedBy("dev.trii.ingestion..")
        .layer("training").definedBy("dev.trii.training..")
        .layer("batch-jobs").definedBy("dev.trii.batch..")
        .layer("scheduler").definedBy("dev.trii.scheduler..")
        .layer("scoring").definedBy("dev.trii.scoring..")
        .layer("launcher").definedBy("dev.trii.launcher..")
        .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
        .whereLayer("scheduler").mayOnlyBeAccessedByLayers("launcher")
        .whereLayer("scoring").mayOnlyBeAccessedByLayers("launcher")
        .whereLayer("ingestion").mayOnlyBeAccessedByLayers("launcher")
        .whereLayer("batch-jobs").mayOnlyBeAccessedByLayers("scheduler", "launcher")
        .whereLayer("training").mayOnlyBeAccessedByLayers("batch-jobs", "scheduler", "launcher")
        .check(platform);
  }

  @Test
  void modulesHaveNoCycles() {
    slices().matching("dev.trii.(*)..").should().beFreeOfCycles().check(platform);
  }

  @Test
  void featurePackagesOfAModuleHaveNoCycles() {
    slices().matching("dev.trii.(*).(*)..").should().beFreeOfCycles().check(platform);
  }

  @Test
  void httpControllersArePackagePrivate() {
    classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
        .should().notBePublic().check(platform);
    classes().that().resideInAPackage("dev.trii.scoring..").and().haveSimpleNameEndingWith("Controller")
        .should().notBePublic().check(platform);
  }

  @Test
  void anInternalPackageIsUsedOnlyByItsOwnModule() {
    noClasses().should(accessAnotherModulesInternals()).allowEmptyShould(true).check(platform);
  }

  private static ArchCondition<JavaClass> accessAnotherModulesInternals() {
    return new ArchCondition<>("use another module's dev.trii.<module>.internal classes") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        origin.getDirectDependenciesFromSelf().forEach(dependency -> {
          JavaClass target = dependency.getTargetClass();
          if (target.getPackageName().matches("dev\\.trii\\.[^.]+\\.internal(\\..*)?")
              && !module(target).equals(module(origin))) {
            events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
          }
        });
      }
    };
  }

  private static String module(JavaClass type) {
    String[] parts = type.getPackageName().split("\\.");
    return parts.length > 2 ? parts[2] : "";
  }
}
