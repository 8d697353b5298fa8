mod ÿ;
