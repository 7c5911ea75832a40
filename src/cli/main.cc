// cli/main.cc: the tradestat executable; everything happens in cli::Run.
#include "cli/cli.h"

int main(int argc, char** argv) { return tradestat::cli::Run(argc, argv); }
