// Everything @neurite/tensor exports (with the CPU backend it brings): the floor of any program.
export * from '@neurite/tensor';
