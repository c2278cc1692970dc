// The image of the system's dictionaries made at build time
// (tools/dictionary_image.cpp, language/dictionary_image.h), carried in the
// program's read-only data as its bytes. Only the programs link this file;
// the library refers to it by weak symbols, as the tool that makes the image
// links the library.
#ifndef L10N_DICTIONARY_IMAGE
#error "L10N_DICTIONARY_IMAGE names the image file to embed"
#endif

asm(".section .rodata.l10n_dictionary_image,\"a\"\n"
    ".balign 64\n"
    ".globl l10n_dictionary_image_begin\n"
    "l10n_dictionary_image_begin:\n"
    ".incbin \"" L10N_DICTIONARY_IMAGE "\"\n"
    ".globl l10n_dictionary_image_end\n"
    "l10n_dictionary_image_end:\n"
    ".previous\n");
