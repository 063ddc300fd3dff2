/* Multiboot v1 entry of the C reference kernel: a stack, SSE on (CR0.EM off, CR0.MP on,
 * CR4.OSFXSR and OSXMMEXCPT), a clean x87, then kmain. QEMU's -kernel loads the ELF. */
    .section .multiboot, "a"
    .align 4
    .long 0x1BADB002
    .long 0
    .long -0x1BADB002

    .text
    .globl _start
_start:
    mov $stack_top, %esp
    mov %cr0, %eax
    and $~4, %eax
    or $2, %eax
    mov %eax, %cr0
    mov %cr4, %eax
    or $0x600, %eax
    mov %eax, %cr4
    fninit
    call kmain
1:  cli
    hlt
    jmp 1b

    .bss
    .align 16
    .skip 65536
stack_top:
