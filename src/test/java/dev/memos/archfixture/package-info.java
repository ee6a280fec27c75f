/**
 * Deliberately violating classes for ArchitectureTest: each breaks one rule, so the test can show
 * the rule fails on it. Test sources only; the main import (DO_NOT_INCLUDE_TESTS) never sees them.
 */
package dev.memos.archfixture;
